package dev.sseboot.redis;

import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.core.wire.SseParser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A hub sink that parses its frames as a browser would and lets tests wait for events. */
final class ParsingSink implements SseSink {

    private final List<SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    @Override
    public synchronized void write(List<SseFrame> frames) {
        frames.forEach(frame -> parser.feed(frame.asByteBuffer()));
        notifyAll();
    }

    @Override
    public void close() {
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
