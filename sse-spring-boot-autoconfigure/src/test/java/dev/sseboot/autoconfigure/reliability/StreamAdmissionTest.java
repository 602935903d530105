package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.core.hub.StreamBudget;
import dev.sseboot.web.StreamFootprint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code sse.max-connections}, a Tomcat server accepts as many streams as its heap holds
 * and its connection limit leaves room for, and answers every stream beyond with {@code 503} and
 * {@code Retry-After}: it never runs out of memory, its streams keep their latency, and an ordinary
 * endpoint keeps answering, also on fresh connections. The server runs in a JVM of its own
 * ({@link ServerJvm}) with a 256 MB heap.
 */
class StreamAdmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Isolation bounds for a box shared with other builds; the promise is "keeps answering". */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    private static final Duration LATENCY_BOUND = Duration.ofSeconds(2);
    private static final int HEALTHY = 3;
    private static final int EXCESS = 60;
    private static final int OPENERS = 8;
    private static final int FRESH_CONNECTIONS = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @Test
    void streamsBeyondWhatTheHeapHoldsGet503WithRetryAfterAndTheServerKeepsServing() throws Exception {
        try (ServerJvm server = ServerJvm.start("admission-heap", "256m", List.of())) {
            long[] stats = stats(server.port());
            int max = (int) stats[2];
            assertThat(max).as("the streams half of a 256 MB heap holds on Tomcat")
                    .isEqualTo(StreamBudget.streamsInHeap(stats[3], StreamFootprint.TOMCAT.heapBytes()))
                    .isBetween(1_000, 1_300);

            Outcome outcome = fillAndGoBeyond(server, max);

            outcome.assertServed(server, max);
            outcome.report("admission.heap");
        }
    }

    @Test
    void streamsBeyondTheConnectionLimitLessTheReserveGet503BeforeOtherRequestsWaitUnanswered() throws Exception {
        try (ServerJvm server = ServerJvm.start("admission-connections", "256m",
                List.of("--server.tomcat.max-connections=200"))) {
            int max = (int) stats(server.port())[2];
            assertThat(max).isEqualTo(StreamBudget.streamsBelowConnectionLimit(200)).isEqualTo(180);

            Outcome outcome = fillAndGoBeyond(server, max);

            outcome.assertServed(server, max);
            // Every stream Tomcat can still hold is open: fresh connections of other requests are answered.
            List<Future<HttpResponse<String>>> fresh = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(FRESH_CONNECTIONS);
            try {
                for (int i = 0; i < FRESH_CONNECTIONS; i++) {
                    fresh.add(clients.submit(() -> HttpClient.newBuilder().connectTimeout(WAIT).build()
                            .send(statsRequest(server.port()), HttpResponse.BodyHandlers.ofString())));
                }
                for (Future<HttpResponse<String>> answer : fresh) {
                    assertThat(answer.get(ANSWER_BOUND.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
                }
            } finally {
                clients.shutdownNow();
            }
            outcome.report("admission.connections");
        }
    }

    /**
     * Opens healthy streams, then idle ones up to the limit, then {@link #EXCESS} more, while a
     * watcher publishes to the healthy streams and asks the ordinary endpoint every 100 ms.
     */
    private Outcome fillAndGoBeyond(ServerJvm server, int max) throws Exception {
        int port = server.port();
        List<TimedClient> healthy = new ArrayList<>();
        List<RawStream> idle = Collections.synchronizedList(new ArrayList<>());
        Outcome outcome = new Outcome();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                long asked = System.nanoTime();
                try {
                    HttpResponse<String> answer = http.send(statsRequest(port), HttpResponse.BodyHandlers.ofString());
                    outcome.slowestAnswerNanos.accumulateAndGet(System.nanoTime() - asked, Math::max);
                    outcome.mostHeap.accumulateAndGet(Long.parseLong(answer.body().split(" ")[1]), Math::max);
                    HttpResponse<Void> published = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/publish/healthy"))
                            .POST(HttpRequest.BodyPublishers.ofString(Long.toString(System.nanoTime())))
                            .timeout(WAIT).build(), HttpResponse.BodyHandlers.discarding());
                    assertThat(published.statusCode()).isEqualTo(200);
                    outcome.published.incrementAndGet();
                } catch (IOException | RuntimeException | AssertionError e) {
                    outcome.failures.add("watcher: " + e);
                    return;
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "admission-watcher");
        try {
            for (int i = 0; i < HEALTHY; i++) {
                TimedClient client = TimedClient.connect(URI.create("http://127.0.0.1:" + port + "/events/healthy"));
                healthy.add(client);
                client.awaitOpen(WAIT);
            }
            watcher.start();
            long started = System.nanoTime();
            openConcurrently(max - HEALTHY, () -> {
                RawStream stream = RawStream.get(port, "/events/idle/" + idle.size() % 16, 0);
                idle.add(stream);
                stream.readUntil("retry:", WAIT);
                if (stream.status() != 200) {
                    outcome.failures.add("a stream within the limit opened with " + stream.status());
                }
            });
            outcome.fillNanos = System.nanoTime() - started;
            openConcurrently(EXCESS, () -> {
                try (RawStream stream = RawStream.get(port, "/events/idle/excess", 0)) {
                    String head = stream.readUntil("\r\n\r\n", WAIT);
                    if (stream.status() == 503 && head.contains("\r\nRetry-After: ")) {
                        outcome.refused.incrementAndGet();
                    } else {
                        outcome.failures.add("a stream beyond the limit got: " + head.lines().findFirst().orElse(""));
                    }
                }
            });
            int beyond = outcome.published.get();
            Await.until("the watcher to go on at the limit", WAIT, () -> outcome.published.get() >= beyond + 5,
                    outcome.failures::toString);
            watching.set(false);
            watcher.join(WAIT.toMillis());
            outcome.streamsAtTheEnd = (int) stats(port)[0];
            int ticks = outcome.published.get();
            for (TimedClient client : healthy) {
                client.awaitCount(ticks, WAIT);
                for (TimedClient.Received received : client.received()) {
                    outcome.worstLatencyNanos.accumulateAndGet(
                            received.receivedNanos() - Long.parseLong(received.event().data()), Math::max);
                }
                outcome.healthyOpens += client.opens();
            }
        } finally {
            watching.set(false);
            watcher.join(WAIT.toMillis());
            healthy.forEach(TimedClient::close);
            idle.forEach(RawStream::close);
        }
        return outcome;
    }

    private static void openConcurrently(int streams, ThrowingTask open) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService openers = Executors.newFixedThreadPool(OPENERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < OPENERS; i++) {
                running.add(openers.submit(() -> {
                    while (next.getAndIncrement() < streams) {
                        open.run();
                    }
                    return null;
                }));
            }
            for (Future<?> opener : running) {
                opener.get(1, TimeUnit.MINUTES);
            }
        } finally {
            openers.shutdownNow();
        }
    }

    /** What {@link FloodServer}'s stats say: streams open, heap in use, the most streams, the maximum heap. */
    private long[] stats(int port) throws Exception {
        String[] stats = http.send(statsRequest(port), HttpResponse.BodyHandlers.ofString()).body().split(" ");
        long[] numbers = new long[stats.length];
        for (int i = 0; i < stats.length; i++) {
            numbers[i] = Long.parseLong(stats[i]);
        }
        return numbers;
    }

    private static HttpRequest statsRequest(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats")).timeout(WAIT).build();
    }

    private interface ThrowingTask {
        void run() throws Exception;
    }

    /** What one filling saw. */
    private static final class Outcome {

        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger published = new AtomicInteger();
        final AtomicLong slowestAnswerNanos = new AtomicLong();
        final AtomicLong worstLatencyNanos = new AtomicLong();
        final AtomicLong mostHeap = new AtomicLong();
        long fillNanos;
        int streamsAtTheEnd;
        int healthyOpens;

        void assertServed(ServerJvm server, int max) throws IOException {
            assertThat(server.log()).as("the server's log").doesNotContain("OutOfMemoryError");
            assertThat(server.isAlive()).as("the server is still running").isTrue();
            assertThat(failures).isEmpty();
            assertThat(streamsAtTheEnd).as("streams open at the limit").isEqualTo(max);
            assertThat(refused.get()).as("streams beyond the limit answered 503 with Retry-After").isEqualTo(EXCESS);
            assertThat(Duration.ofNanos(slowestAnswerNanos.get())).as("the slowest answer").isLessThan(ANSWER_BOUND);
            assertThat(Duration.ofNanos(worstLatencyNanos.get())).as("the worst latency of a healthy stream")
                    .isLessThan(LATENCY_BOUND);
            assertThat(healthyOpens).as("healthy streams were never cut").isEqualTo(HEALTHY);
        }

        void report(String prefix) {
            Report.record(prefix + ".fillMillis", fillNanos / 1_000_000);
            Report.record(prefix + ".refused", refused.get());
            Report.record(prefix + ".published", published.get());
            Report.record(prefix + ".slowestAnswerMillis", slowestAnswerNanos.get() / 1_000_000);
            Report.record(prefix + ".worstLatencyMillis", worstLatencyNanos.get() / 1_000_000);
            Report.record(prefix + ".mostHeapMb", mostHeap.get() / (1024 * 1024));
        }
    }
}
