package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.wire.SseEvent;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-behaved client that notes when each event arrived, so a test can measure publish-to-receive
 * latency (the publisher puts {@link System#nanoTime()} into the data; same JVM, same clock).
 */
final class TimedClient implements AutoCloseable {

    record Received(SseEvent event, long receivedNanos) {
    }

    private final List<Received> received = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private int opens;
    private final SseClient.Connection connection;

    private TimedClient(URI uri) {
        this.connection = SseClient.builder(uri).reconnectDelay(Duration.ofMillis(200)).build()
                .connect(new SseClient.Listener() {
                    @Override
                    public void onOpen() {
                        synchronized (received) {
                            opens++;
                        }
                    }

                    @Override
                    public void onEvent(SseEvent event) {
                        long now = System.nanoTime();
                        synchronized (received) {
                            received.add(new Received(event, now));
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        synchronized (received) {
                            errors.add(error);
                        }
                    }
                });
    }

    static TimedClient connect(URI uri) {
        return new TimedClient(uri);
    }

    void awaitOpen(Duration timeout) {
        Await.until("the stream to open", timeout, () -> opens() > 0);
    }

    int opens() {
        synchronized (received) {
            return opens;
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Throwable> errors() {
        synchronized (received) {
            return List.copyOf(errors);
        }
    }

    void awaitCount(int count, Duration timeout) {
        Await.until(count + " events", timeout, () -> received().size() >= count,
                () -> received().size() + " received, errors " + errors());
    }

    @Override
    public void close() {
        connection.close();
    }
}
