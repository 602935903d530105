package dev.sseboot.autoconfigure.reliability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client opens and closes 200 streams a second for 20 seconds against a server with a 256 MB
 * heap, on a channel where nothing is published and with the default 15 s heartbeat: the server
 * does not run out of memory, keeps answering a small controller throughout, and holds no stream
 * 2 seconds after the loop stops. Before streams were probed, each one stayed until its heartbeat
 * and such a loop exhausted the heap in 16 seconds.
 *
 * <p>The server runs in a JVM of its own ({@link ServerJvm}) with {@code -Xmx256m}, so running
 * out of memory ends it.
 */
abstract class ConnectionFloodTest {

    private static final int RATE_PER_SECOND = 200;
    private static final Duration FLOOD = Duration.ofSeconds(20);
    private static final int CYCLES = (int) (RATE_PER_SECOND * FLOOD.toSeconds());
    private static final int WORKERS = 16;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long the controller may take to answer while the flood runs, on a box shared with other builds. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    /** The promise: nothing left 2 s after the loop stops. */
    private static final Duration DRAINED = Duration.ofSeconds(2);

    private ServerJvm server;

    /** Arguments that pick the web stack of the server. */
    abstract List<String> stackArguments();

    abstract String stack();

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoHundredOpenAndCloseCyclesASecondLeaveTheServerAnsweringAndNoStreamBehind() throws Exception {
        server = ServerJvm.start("flood-server-" + stack(), "256m", stackArguments());
        int port = server.port();
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        HttpRequest statsRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats"))
                .timeout(WAIT).build();
        // The first answer includes the server's lazy start-up work (JIT, handler mappings), not the flood's cost.
        assertThat(http.send(statsRequest, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong slowestAnswerNanos = new AtomicLong();
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger mostStreams = new AtomicInteger();
        AtomicLong mostHeap = new AtomicLong();
        Queue<String> watchFailures = new ConcurrentLinkedQueue<>();
        Thread watcher = new Thread(() -> {
            while (flooding.get() && watchFailures.isEmpty()) {
                long asked = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(statsRequest, HttpResponse.BodyHandlers.ofString());
                    slowestAnswerNanos.accumulateAndGet(System.nanoTime() - asked, Math::max);
                    String[] stats = response.body().split(" ");
                    mostStreams.accumulateAndGet(Integer.parseInt(stats[0]), Math::max);
                    mostHeap.accumulateAndGet(Long.parseLong(stats[1]), Math::max);
                    answers.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    watchFailures.add(e.toString());
                } catch (InterruptedException e) {
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }, "flood-watcher");
        watcher.start();

        long started = System.nanoTime();
        Queue<String> failedCycles = new ConcurrentLinkedQueue<>();
        try {
            runCycles(port, started, failedCycles);
        } finally {
            flooding.set(false);
            watcher.join(WAIT.toMillis());
        }
        long loopStopped = System.nanoTime();
        Duration took = Duration.ofNanos(loopStopped - started);

        int[] streamsLeft = {-1};
        long drainedNanos = -1;
        while (System.nanoTime() - loopStopped < WAIT.toNanos()) {
            streamsLeft[0] = Integer.parseInt(http.send(statsRequest, HttpResponse.BodyHandlers.ofString()).body()
                    .split(" ")[0]);
            if (streamsLeft[0] == 0) {
                drainedNanos = System.nanoTime() - loopStopped;
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        String serverLog = server.log();

        String prefix = "flood." + stack() + ".";
        Report.record(prefix + "cycles", CYCLES);
        Report.record(prefix + "seconds", took.toMillis() / 1000.0);
        Report.record(prefix + "failedCycles", failedCycles.size());
        Report.record(prefix + "mostStreams", mostStreams.get());
        Report.record(prefix + "mostHeapMb", mostHeap.get() / (1024 * 1024));
        Report.record(prefix + "controllerAnswers", answers.get());
        Report.record(prefix + "slowestAnswerMillis", slowestAnswerNanos.get() / 1_000_000);
        Report.record(prefix + "drainedMillis", drainedNanos / 1_000_000);

        assertThat(serverLog).as("the server's log").doesNotContain("OutOfMemoryError");
        assertThat(server.isAlive()).as("the server is still running").isTrue();
        assertThat(watchFailures).as("the controller answered throughout").isEmpty();
        assertThat(answers.get()).as("the controller was asked throughout").isGreaterThan(10);
        assertThat(Duration.ofNanos(slowestAnswerNanos.get())).as("the slowest answer").isLessThan(ANSWER_BOUND);
        assertThat(failedCycles).as("cycles whose stream did not open").isEmpty();
        assertThat(drainedNanos).as("streams left after the loop stopped: %s", streamsLeft[0]).isNotNegative();
        assertThat(Duration.ofNanos(drainedNanos)).isLessThan(DRAINED);
    }

    /**
     * Runs the cycles at the rate, each at its own moment (late ones at once). Each is one of four
     * ways to leave: after the stream opened or right after the request, with a FIN or a reset.
     */
    private void runCycles(int port, long started, Queue<String> failures) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long spacingNanos = 1_000_000_000L / RATE_PER_SECOND;
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < CYCLES; i = next.getAndIncrement()) {
                        LockSupport.parkNanos(started + i * spacingNanos - System.nanoTime());
                        try {
                            cycle(port, i);
                        } catch (Exception | AssertionError e) {
                            failures.add(i + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get(FLOOD.toSeconds() * 3, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static void cycle(int port, int i) throws IOException {
        RawStream.openAndLeave(port, "/events/flood/" + (i % 16), i, WAIT);
    }

}
