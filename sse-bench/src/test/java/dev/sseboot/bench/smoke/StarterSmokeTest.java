package dev.sseboot.bench.smoke;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.bench.load.LoadGenerator;
import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.StreamTotals;
import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.bench.protocol.EpochNanos;
import dev.sseboot.core.hub.SseHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bench's load generator against the starter in-process: 500 streams of one channel each get
 * every published event exactly once, in order.
 */
@SpringBootTest(classes = SmokeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.address=127.0.0.1")
class StarterSmokeTest {

    private static final int STREAMS = 500;
    private static final int EVENTS = 100;

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Test
    void everyStreamGetsEveryEventOnceInOrder() throws Exception {
        try (LoadGenerator generator = new LoadGenerator(URI.create("http://127.0.0.1:" + port + "/events/bench"), 4)) {
            OpenResult open = generator.open(STREAMS, 2_000, 0, Duration.ofSeconds(10));
            assertThat(open.failures()).isEmpty();
            assertThat(open.opened()).isEqualTo(STREAMS);
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.subscriberCount("bench") == STREAMS);

            for (int sequence = 0; sequence < EVENTS; sequence++) {
                publisher.publish("bench", BenchEvent.format(sequence, EpochNanos.now()));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> generator.totals().events() == (long) STREAMS * EVENTS);

            StreamTotals totals = generator.totals();
            assertThat(totals.open()).isEqualTo(STREAMS);
            assertThat(totals.closed()).isEmpty();
            assertThat(totals.gaps()).isZero();
            assertThat(totals.duplicates()).isZero();
            assertThat(totals.minEventsPerStream()).isEqualTo(EVENTS);
            assertThat(totals.maxEventsPerStream()).isEqualTo(EVENTS);
            assertThat(totals.minFirstSequence()).isZero();
            assertThat(totals.maxFirstSequence()).isZero();
        }
    }
}
