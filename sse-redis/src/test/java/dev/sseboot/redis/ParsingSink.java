package dev.sseboot.redis;

import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.core.wire.SseParser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A hub sink that parses its frames as a browser would and lets tests wait for events. */
final class ParsingSink implements SseSink {

    private final List<SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);
    private final StringBuilder raw = new StringBuilder();
    private boolean closed;

    @Override
    public synchronized void write(List<SseFrame> frames) {
        frames.forEach(frame -> {
            raw.append(StandardCharsets.UTF_8.decode(frame.asByteBuffer()));
            parser.feed(frame.asByteBuffer());
        });
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Everything written, as text. */
    synchronized String raw() {
        return raw.toString();
    }

    synchronized List<SseEvent> events() {
        return List.copyOf(events);
    }

    /** Waits until the hub closed the sink; false when it did not within the timeout. */
    synchronized boolean awaitClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && deadline - System.nanoTime() > 0) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return closed;
    }

    synchronized List<SseEvent> awaitEvents(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Waited " + timeout + " for " + count + " events; got " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(events);
    }
}
