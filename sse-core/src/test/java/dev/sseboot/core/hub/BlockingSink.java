package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseFrame;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A client that stops reading: its first write blocks until the sink is closed or released. */
class BlockingSink implements SseSink {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch writeStarted = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger framesWritten = new AtomicInteger();

    @Override
    public void write(List<SseFrame> frames) throws IOException {
        writeStarted.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while blocked");
        }
        if (closed.getCount() == 0) {
            throw new IOException("closed while blocked");
        }
        framesWritten.addAndGet(frames.size());
    }

    @Override
    public void close() {
        closed.countDown();
        release.countDown();
    }

    void release() {
        release.countDown();
    }

    CountDownLatch writeStarted() {
        return writeStarted;
    }
}
