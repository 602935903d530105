package dev.sseboot.test;

import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.wire.SseEvent;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real SSE client for tests of a running application ({@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT)}), built on sse-core's reconnecting client. Every wait is bounded and fails with an
 * {@link AssertionError} that shows what did arrive.
 *
 * <pre>{@code
 * try (SseTestClient client = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/news"))) {
 *     client.awaitOpen(Duration.ofSeconds(5));
 *     publisher.publish("news", "hello");
 *     assertThat(client.awaitEvents(1, Duration.ofSeconds(5))).extracting(SseEvent::data).containsExactly("hello");
 * }
 * }</pre>
 */
public final class SseTestClient implements AutoCloseable {

    private final Object lock = new Object();
    private final List<SseEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private int opens;
    private boolean closed;
    private final SseClient.Connection connection;

    private SseTestClient(SseClient client) {
        this.connection = client.connect(new SseClient.Listener() {
            @Override
            public void onOpen() {
                record(() -> opens++);
            }

            @Override
            public void onEvent(SseEvent event) {
                record(() -> events.add(event));
            }

            @Override
            public void onComment(String text) {
                record(() -> comments.add(text));
            }

            @Override
            public void onError(Throwable error) {
                record(() -> errors.add(error));
            }

            @Override
            public void onClosed() {
                record(() -> closed = true);
            }
        });
    }

    /** Connects with the default options (reconnect after the server's retry). */
    public static SseTestClient connect(URI uri) {
        return new SseTestClient(SseClient.builder(uri).build());
    }

    /** Connects with a client configured by the test (headers, Last-Event-ID, delays). */
    public static SseTestClient connect(SseClient.Builder client) {
        return new SseTestClient(client.build());
    }

    private void record(Runnable change) {
        synchronized (lock) {
            change.run();
            lock.notifyAll();
        }
    }

    /** Waits until the stream has opened (at least once). */
    public void awaitOpen(Duration timeout) {
        await(timeout, "the stream to open", () -> opens > 0);
    }

    /** Waits until the stream has opened this many times in all (first open plus reconnections). */
    public void awaitOpens(int count, Duration timeout) {
        await(timeout, count + " opens", () -> opens >= count);
    }

    /** Waits for this many events in all and returns the first {@code count}. */
    public List<SseEvent> awaitEvents(int count, Duration timeout) {
        await(timeout, count + " events", () -> events.size() >= count);
        synchronized (lock) {
            return List.copyOf(events.subList(0, count));
        }
    }

    /** Waits for the first event that matches and returns it. */
    public SseEvent awaitEvent(Predicate<SseEvent> condition, Duration timeout) {
        await(timeout, "a matching event", () -> events.stream().anyMatch(condition));
        synchronized (lock) {
            return events.stream().filter(condition).findFirst().orElseThrow();
        }
    }

    /** Waits for at least this many comments (heartbeats are empty comments). */
    public List<String> awaitComments(int count, Duration timeout) {
        await(timeout, count + " comments", () -> comments.size() >= count);
        synchronized (lock) {
            return List.copyOf(comments);
        }
    }

    /** Waits until the connection has ended for good (for example after a 4xx answer). */
    public void awaitClosed(Duration timeout) {
        await(timeout, "the connection to end", () -> closed);
    }

    public List<SseEvent> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    public List<Throwable> errors() {
        synchronized (lock) {
            return List.copyOf(errors);
        }
    }

    /** How many times the stream opened: 1 plus the reconnections that succeeded. */
    public int opens() {
        synchronized (lock) {
            return opens;
        }
    }

    public String lastEventId() {
        return connection.lastEventId();
    }

    private void await(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Waited " + timeout + " for " + what + "; opens: " + opens
                            + ", events: " + events + ", errors: " + errors + ", closed: " + closed);
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for " + what, e);
                }
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
