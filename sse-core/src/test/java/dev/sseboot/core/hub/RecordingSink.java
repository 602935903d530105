package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.core.wire.SseParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A sink that parses what it is given like a browser would, and lets tests wait for it. */
class RecordingSink implements SseSink {

    private final Object lock = new Object();
    private final List<SseEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final List<Long> retries = new ArrayList<>();
    private final List<Long> receivedNanos = new ArrayList<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final SseParser parser = new SseParser(new SseParser.Handler() {
        @Override
        public void onEvent(SseEvent event) {
            events.add(event);
            receivedNanos.add(System.nanoTime());
        }

        @Override
        public void onComment(String text) {
            comments.add(text);
        }

        @Override
        public void onRetry(long millis) {
            retries.add(millis);
        }
    });
    private int writes;

    @Override
    public void write(List<SseFrame> frames) throws IOException {
        synchronized (lock) {
            writes++;
            for (SseFrame frame : frames) {
                frame.writeTo(raw);
                parser.feed(frame.asByteBuffer());
            }
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<SseEvent> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    List<String> data() {
        return events().stream().map(SseEvent::data).toList();
    }

    List<String> comments() {
        synchronized (lock) {
            return List.copyOf(comments);
        }
    }

    List<Long> retries() {
        synchronized (lock) {
            return List.copyOf(retries);
        }
    }

    List<Long> receivedNanos() {
        synchronized (lock) {
            return List.copyOf(receivedNanos);
        }
    }

    int writes() {
        synchronized (lock) {
            return writes;
        }
    }

    /** The last event id the client holds now, as a browser would send it back on reconnect. */
    String lastEventId() {
        synchronized (lock) {
            return parser.lastEventId();
        }
    }

    String raw() {
        synchronized (lock) {
            return raw.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Waits until the recorded state matches, failing the test after the timeout. */
    void await(Duration timeout, Predicate<RecordingSink> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.test(this)) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("waited %s; events so far: %s; comments: %s; raw: %s", timeout, events, comments, raw).isPositive();
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    void awaitEvents(int count, Duration timeout) throws InterruptedException {
        await(timeout, sink -> sink.events.size() >= count);
    }
}
