package dev.sseboot.core.client;

import dev.sseboot.core.wire.SseEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Records every callback in order and notices any that overlap. */
class RecordingListener implements SseClient.Listener {

    static final String OPEN = "open";
    static final String CLOSED = "closed";

    final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final AtomicBoolean inCallback = new AtomicBoolean();
    private final AtomicBoolean overlapped = new AtomicBoolean();

    @Override
    public void onOpen() {
        record(OPEN);
    }

    @Override
    public void onEvent(SseEvent event) {
        record(event);
    }

    @Override
    public void onComment(String text) {
        record("comment " + text);
    }

    @Override
    public void onError(Throwable error) {
        record(error);
    }

    @Override
    public void onClosed() {
        record(CLOSED);
    }

    private void record(Object signal) {
        if (!inCallback.compareAndSet(false, true)) {
            overlapped.set(true);
        }
        signals.add(signal);
        inCallback.set(false);
    }

    /** The next callback, waiting at most 10 s. */
    Object next() throws InterruptedException {
        Object signal = signals.poll(10, TimeUnit.SECONDS);
        if (signal == null) {
            throw new AssertionError("no callback within 10 s");
        }
        return signal;
    }

    SseEvent nextEvent() throws InterruptedException {
        Object signal = next();
        if (!(signal instanceof SseEvent event)) {
            throw new AssertionError("expected an event but got " + signal);
        }
        return event;
    }

    boolean callbacksOverlapped() {
        return overlapped.get();
    }
}
