package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.test.SseTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of clients come and go, cleanly and abruptly, while events are published: afterwards
 * nothing of them is left (subscribers, queued frames, channels, the active-streams meter, heap),
 * and a client that stayed connected throughout got every event once, in order.
 *
 * <p>A servlet container learns that a client vanished only when it writes, so the heartbeat is
 * short here: it is what finds the clients that left without a word.
 */
@SpringBootTest(classes = ReliabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "sse.heartbeat=200ms",
                "sse.write-timeout=2s",
                "sse.replay.size=16",
                // A request the container recycled forcibly (see isContainerRace) stays counted as an
                // in-progress async request, so a graceful shutdown would wait its whole timeout.
                "server.shutdown=immediate"})
@ExtendWith(OutputCaptureExtension.class)
abstract class ConnectionChurnTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Room for the vanished clients to be noticed (two heartbeats each) on a box shared with other builds. */
    private static final Duration CLEANUP = Duration.ofSeconds(30);
    private static final int WORKERS = 8;
    private static final int CHANNELS = 8;
    private static final int WARM_UP_CYCLES = 1_000;
    /**
     * Heap that may stay after the churn: the container keeps caches of processors and socket
     * buffers sized by the peak, which the warm-up fills only in part. A leak of a stream's objects
     * (a few KB each) over thousands of cycles shows above it in the soak run.
     */
    private static final long HEAP_MARGIN = 32L * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Autowired
    MeterRegistry registry;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void tenThousandConnectAndDisconnectCyclesLeaveNothingBehind(CapturedOutput output) throws Exception {
        churn(10_000, output);
    }

    /** Half the cycles close cleanly and leave a client port in TIME_WAIT for a minute: 30,000 stays well inside the range. */
    @Test
    @Tag("soak")
    void thirtyThousandConnectAndDisconnectCyclesLeaveNothingBehind(CapturedOutput output) throws Exception {
        churn(30_000, output);
    }

    private void churn(int cycles, CapturedOutput output) throws Exception {
        // The container's caches, the JIT and the pools reach their working size before the baseline.
        runCycles(WARM_UP_CYCLES);
        awaitEmpty();
        long baseline = Heap.usedAfterGc();
        int outputBefore = output.getOut().length();

        AtomicBoolean publishing = new AtomicBoolean(true);
        List<String> publishedToWatched = new ArrayList<>();
        long started = System.nanoTime();
        Outcome outcome;
        try (SseTestClient watcher = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/churn/0"))) {
            watcher.awaitOpen(WAIT);
            Thread publisherThread = new Thread(() -> {
                for (int n = 0; publishing.get(); n++) {
                    String channel = "churn/" + (n % CHANNELS);
                    String data = "event " + n;
                    publisher.publish(channel, data);
                    if (n % CHANNELS == 0) {
                        publishedToWatched.add(data);
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "churn-publisher");
            publisherThread.start();
            try {
                outcome = runCycles(cycles);
            } finally {
                publishing.set(false);
                publisherThread.join(10_000);
            }

            Await.until("the vanished clients to be noticed", CLEANUP, () -> hub.clientCount() == 1,
                    () -> hub.clientCount() + " streams, channels " + hub.channels());
            List<SseEvent> received = watcher.awaitEvents(publishedToWatched.size(), WAIT);
            assertThat(received).extracting(SseEvent::data).as("the watcher got every event once, in order")
                    .containsExactlyElementsOf(publishedToWatched);
            assertThat(watcher.opens()).as("the watcher was never cut").isEqualTo(1);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        awaitEmpty();
        long after = Heap.usedAfterGc();
        String churnLog = output.getOut().substring(outputBefore);

        Report.record("churn.cycles", cycles);
        Report.record("churn.seconds", took.toMillis() / 1000.0);
        Report.record("churn.failedCycles", outcome.failures().size());
        Report.record("churn.eventsToWatcher", publishedToWatched.size());
        Report.record("churn.heapBaseline", Heap.megabytes(baseline));
        Report.record("churn.heapAfter", Heap.megabytes(after));
        Report.record("churn.closedByReason", closedByReason());
        Report.record("churn.containerRaceEntries", LogEntries.parse(churnLog).stream()
                .filter(this::isContainerRace).count());

        assertThat(outcome.failures()).as("cycles whose stream did not open").isEmpty();
        assertThat(hub.clientCount()).isZero();
        assertThat(hub.channels()).isEmpty();
        assertThat(hub.queuedFrames()).isEmpty();
        assertThat(registry.get("sse.connections.active").gauge().value()).isZero();
        assertTheServerHoldsNoStream();
        assertThat(after - baseline).as("heap growth: %s before, %s after", Heap.megabytes(baseline),
                Heap.megabytes(after)).isLessThan(HEAP_MARGIN);
        List<LogEntries.Entry> entries = LogEntries.parse(churnLog);
        assertThat(entries).as("disconnects are normal: nothing above INFO, no stack trace (but the container race)")
                .filteredOn(entry -> entry.isWarnOrError() || entry.hasStackTrace())
                .filteredOn(entry -> !isContainerRace(entry))
                .isEmpty();
        assertThat(entries.stream().filter(this::isContainerRace).count())
                .as("entries of the container race").isLessThanOrEqualTo(cycles / 100);
    }

    /** Asserts that the web server keeps nothing of the streams that ended. */
    abstract void assertTheServerHoldsNoStream();

    /** Whether a log entry is one of the web server's known races with a vanishing client (bounded, not an error). */
    abstract boolean isContainerRace(LogEntries.Entry entry);

    private void awaitEmpty() {
        Await.until("every stream to be gone", CLEANUP,
                () -> hub.clientCount() == 0 && hub.channels().isEmpty()
                        && registry.get("sse.connections.active").gauge().value() == 0,
                () -> hub.clientCount() + " streams, channels " + hub.queuedFrames() + ", meter "
                        + registry.get("sse.connections.active").gauge().value());
    }

    private record Outcome(List<String> failures) {
    }

    /**
     * Runs the cycles on several threads. Each cycle is one of four ways to leave: after the stream
     * opened or right after sending the request (racing the subscribe), with a reset (SO_LINGER 0,
     * as a crashed client or a dropped link) or a clean close.
     */
    private Outcome runCycles(int cycles) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < cycles; i = next.getAndIncrement()) {
                        try {
                            cycle(i);
                        } catch (Exception | AssertionError e) {
                            failures.put(i, e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
        }
        return new Outcome(failures.entrySet().stream().limit(10).map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    private void cycle(int i) throws Exception {
        RawStream.openAndLeave(port, "/events/churn/" + (i % CHANNELS), i, WAIT);
    }

    private Map<String, Double> closedByReason() {
        Map<String, Double> reasons = new java.util.TreeMap<>();
        registry.find("sse.connections.closed").counters()
                .forEach(counter -> reasons.merge(counter.getId().getTag("reason"), counter.count(), Double::sum));
        return reasons;
    }
}
