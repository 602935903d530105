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
 * Clients that close their connection, with a FIN or a reset, on channels where nothing is
 * published and with heartbeats off: their streams are released within about a second, by the
 * container's own signal where it has one and by the hub's disconnect probe where it has not.
 */
@SpringBootTest(classes = ReliabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sse.heartbeat=0")
abstract class DisconnectDetectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int STREAMS = 50;
    /** About a second is the promise; the bound leaves room for a box shared with other builds. */
    private static final Duration BOUND = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @Autowired
    SseHub hub;

    @Test
    void streamsOfClientsThatCloseCleanlyAreReleasedWithinASecond() throws Exception {
        assertThat(release("fin", RawStream::close)).isLessThan(BOUND);
    }

    @Test
    void streamsOfClientsThatResetAreReleasedWithinASecond() throws Exception {
        assertThat(release("reset", RawStream::abort)).isLessThan(BOUND);
    }

    /** Opens the streams, lets every client leave at once, and returns how long until the hub held none. */
    private Duration release(String how, java.util.function.Consumer<RawStream> leave) throws Exception {
        Await.until("streams of earlier tests to end", WAIT, () -> hub.clientCount() == 0, hub::clientCount);
        List<RawStream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            RawStream stream = RawStream.get(port, "/events/quiet/" + how + "/" + (i % 4), 0);
            stream.readUntil("retry:", WAIT);
            streams.add(stream);
        }
        assertThat(hub.clientCount()).isEqualTo(STREAMS);
        long left = System.nanoTime();
        streams.forEach(leave);
        Await.until("the streams to be released", WAIT, () -> hub.clientCount() == 0, hub::clientCount);
        Duration took = Duration.ofNanos(System.nanoTime() - left);
        Report.record("disconnect." + stack() + "." + how + ".millis", took.toMillis());
        return took;
    }

    abstract String stack();
}
