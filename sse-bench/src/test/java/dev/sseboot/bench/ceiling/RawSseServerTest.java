package dev.sseboot.bench.ceiling;

import dev.sseboot.bench.load.LoadGenerator;
import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.StreamTotals;
import dev.sseboot.bench.load.WindowResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RawSseServerTest {

    private RawSseServer server;
    private Thread thread;

    @BeforeEach
    void start() throws IOException {
        server = new RawSseServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10_000_000L);
        thread = new Thread(() -> {
            try {
                server.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.stop();
        thread.join(5_000);
    }

    @Test
    void streamsEveryEventToEveryClientOnTime() throws Exception {
        try (LoadGenerator generator = new LoadGenerator(url("/events/bench"), 2)) {
            OpenResult open = generator.open(200, Double.POSITIVE_INFINITY, 0, Duration.ofSeconds(5));
            assertThat(open.opened()).isEqualTo(200);

            WindowResult window = generator.measure(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));

            assertThat(window.streams()).isEqualTo(200);
            assertThat(window.sequencesPublished()).isPositive();
            assertThat(window.receivedEvents()).isEqualTo(window.expectedEvents());
            assertThat(window.gaps()).isZero();
            assertThat(window.duplicates()).isZero();
        }
    }

    @Test
    void stalledClientsStayConnectedAndTheOthersKeepReading() throws Exception {
        try (LoadGenerator generator = new LoadGenerator(url("/events/bench"), 2)) {
            generator.open(100, Double.POSITIVE_INFINITY, 10, Duration.ofSeconds(5));

            assertThat(generator.stall()).isEqualTo(10);
            WindowResult window = generator.measure(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1));

            assertThat(window.streams()).isEqualTo(90);
            assertThat(window.stalledStreams()).isEqualTo(10);
            assertThat(window.sequencesPublished()).isPositive();
            assertThat(window.receivedEvents()).isEqualTo(window.expectedEvents());
            StreamTotals stalled = generator.stallCandidateTotals();
            assertThat(stalled.streams()).isEqualTo(10);
            assertThat(stalled.open()).isEqualTo(10);
        }
    }

    @Test
    void refusesOtherPaths() throws Exception {
        try (LoadGenerator generator = new LoadGenerator(url("/elsewhere"), 1)) {
            OpenResult open = generator.open(3, Double.POSITIVE_INFINITY, 0, Duration.ofSeconds(5));

            assertThat(open.opened()).isZero();
            assertThat(open.failures()).containsEntry("IllegalStateException: HTTP 404", 3);
        }
    }

    private URI url(String path) throws IOException {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }
}
