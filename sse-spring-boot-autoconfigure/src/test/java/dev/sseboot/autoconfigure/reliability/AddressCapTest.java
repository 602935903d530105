package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.core.hub.SseHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sse.max-connections-per-address}: one address gets 503 with {@code Retry-After} beyond its
 * streams, and a client that vanishes gives its place back without any event or heartbeat.
 */
@SpringBootTest(classes = ReliabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sse.max-connections-per-address=3", "sse.heartbeat=0"})
abstract class AddressCapTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SseHub hub;

    @Test
    void anAddressBeyondItsStreamsGets503WithRetryAfterAndAVanishedClientFreesItsPlace() throws Exception {
        List<RawStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawStream stream = RawStream.get(port, "/events/cap/" + i, 0);
                stream.readUntil("retry:", WAIT);
                open.add(stream);
            }
            try (RawStream refused = RawStream.get(port, "/events/cap/3", 0)) {
                String response = refused.readUntil("\r\n\r\n", WAIT);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(response).containsIgnoringCase("Retry-After: 3");
            }
            assertThat(hub.clientCount()).isEqualTo(3);

            open.remove(0).abort();
            Await.until("the vanished client's place to be free", WAIT, () -> hub.clientCount() == 2, hub::clientCount);
            RawStream again = RawStream.get(port, "/events/cap/4", 0);
            open.add(again);
            again.readUntil("retry:", WAIT);
            assertThat(again.status()).isEqualTo(200);
        } finally {
            open.forEach(RawStream::close);
        }
    }
}
