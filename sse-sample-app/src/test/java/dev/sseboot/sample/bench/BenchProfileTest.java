package dev.sseboot.sample.bench;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.sample.ticker.Ticker;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.bench.rate=50")
@ActiveProfiles("bench")
class BenchProfileTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    private int port;

    @Test
    void publishesConsecutiveSequenceNumbersWithTheirPublishTimeToChannelBench() {
        try (SseTestClient stream = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/bench"))) {
            List<SseEvent> events = stream.awaitEvents(5, TIMEOUT);

            long first = sequence(events.get(0));
            for (int i = 0; i < events.size(); i++) {
                String[] fields = events.get(i).data().split(" ");
                assertThat(fields).hasSize(2);
                assertThat(Long.parseLong(fields[0])).isEqualTo(first + i);
                Instant published = Instant.ofEpochSecond(0, Long.parseLong(fields[1]));
                assertThat(published).isBetween(Instant.now().minusSeconds(60), Instant.now());
            }
        }
    }

    @Test
    void tickerIsOff(@Autowired ObjectProvider<Ticker> ticker) {
        assertThat(ticker.getIfAvailable()).isNull();
    }

    private static long sequence(SseEvent event) {
        return Long.parseLong(event.data().substring(0, event.data().indexOf(' ')));
    }
}
