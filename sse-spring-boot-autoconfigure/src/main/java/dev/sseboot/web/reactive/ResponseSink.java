package dev.sseboot.web.reactive;

import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.web.GzipFrames;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One stream as the hub sees it, written to a WebFlux response: the response's body is this
 * publisher ({@code writeAndFlushWith}), and every batch the hub writes is one inner publisher,
 * written and flushed once: on Reactor Netty one buffer of the batch's bytes, elsewhere the shared
 * frames wrapped as they are ({@link ResponseConnection#batch}).
 *
 * <p>A batch goes out only when the server asks for one and its connection can take it. Demand
 * alone is not enough: Reactor Netty asks for up to 128 writes ahead
 * ({@code reactor.netty.send.maxPrefetchSize}), which for a client that stopped reading would pile
 * up in the channel. So a batch also waits until the channel is writable (Netty's high water
 * mark), and {@link #write} returns only once the server has written the batch (where it can tell,
 * see {@link ResponseConnection#batch}), as a blocking servlet write does: a stream has one batch
 * in flight at most, and what is published meanwhile waits in the hub's queue to go out with the
 * next batch. Handed over as they come, the batches would each cost the event loop a write and a
 * flush, and a busy event loop would fall further behind the more it has to do. When a client stops
 * reading, the drain thread waits after one batch, and the hub's write timeout and its bounded queue
 * with the slow-consumer policy take over.
 */
final class ResponseSink implements SseSink, Publisher<Publisher<DataBuffer>>, org.reactivestreams.Subscription {

    private static final Logger log = LoggerFactory.getLogger(ResponseSink.class);

    private final DataBufferFactory buffers;
    private final @Nullable String remoteAddress;
    private final @Nullable GzipFrames gzip;
    private final ResponseConnection connection;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition demanded = lock.newCondition();

    private volatile @Nullable Subscriber<? super Publisher<DataBuffer>> body;
    private volatile @Nullable Subscription subscription;

    // Guarded by lock.
    private long demand;
    private boolean writing;
    private boolean closeRequested;
    private boolean cancelled;
    private boolean finished;
    /** A batch was handed to the server and is not written yet. */
    private boolean inFlight;

    /**
     * @param gzip the stream's compression, or {@code null} to send frames as they are
     * @param connection the response's connection: its writability, and closing it
     */
    ResponseSink(DataBufferFactory buffers, @Nullable String remoteAddress, @Nullable GzipFrames gzip,
            ResponseConnection connection) {
        this.buffers = buffers;
        this.remoteAddress = remoteAddress;
        this.gzip = gzip;
        this.connection = connection;
        connection.onWritabilityChange(this::wakeWriter);
    }

    private void wakeWriter() {
        lock.lock();
        try {
            demanded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lets the hub write once the response has subscribed to the body (it may have already). */
    void bindTo(Subscription subscription) {
        this.subscription = subscription;
        if (body != null) {
            subscription.ready();
        }
    }

    @Override
    public void subscribe(Subscriber<? super Publisher<DataBuffer>> subscriber) {
        boolean endNow;
        lock.lock();
        try {
            if (body != null) {
                Operators.error(subscriber, new IllegalStateException("A stream's body is written once"));
                return;
            }
            body = subscriber;
            endNow = closeRequested;
        } finally {
            lock.unlock();
        }
        subscriber.onSubscribe(this);
        Subscription bound = subscription;
        if (endNow) {
            finish();
        } else if (bound != null) {
            bound.ready();
        }
    }

    /** Not before the response has subscribed to the body: until then there is nobody to hand a batch to. */
    @Override
    public boolean isReady() {
        return body != null;
    }

    @Override
    public void request(long n) {
        if (!Operators.validate(n)) {
            return;
        }
        lock.lock();
        try {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            demanded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The server gave up the response: the client is gone, or its connection failed. */
    @Override
    public void cancel() {
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            demanded.signalAll();
        } finally {
            lock.unlock();
        }
        log.debug("The stream to {} ended with its connection", remoteAddress);
        Subscription bound = subscription;
        if (bound != null) {
            bound.disconnected();
        }
    }

    @Override
    public void write(List<SseFrame> frames) throws IOException {
        lock.lock();
        try {
            if (closeRequested || cancelled) {
                throw new IOException("The stream is closed");
            }
            writing = true;
            // Before the batch is made: a server that cannot tell when it wrote one calls written() at once.
            inFlight = true;
        } finally {
            lock.unlock();
        }
        try {
            Publisher<DataBuffer> batch = gzip != null ? connection.batch(buffers, gzip.compress(frames), this::written)
                    : connection.batch(buffers, frames, this::written);
            awaitDemand();
            body.onNext(batch);
            awaitWritten();
        } finally {
            boolean finish;
            lock.lock();
            try {
                writing = false;
                finish = closeRequested;
            } finally {
                lock.unlock();
            }
            if (finish) {
                finish();
            }
        }
    }

    private void awaitDemand() throws IOException {
        lock.lock();
        try {
            while ((demand == 0 || !connection.isWritable()) && !cancelled && !closeRequested) {
                demanded.await();
            }
            if (cancelled || closeRequested) {
                throw new IOException("The stream is closed");
            }
            demand--;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the client was not reading");
        } finally {
            lock.unlock();
        }
    }

    /** Runs when the server has written the batch in flight, or dropped it. */
    private void written() {
        lock.lock();
        try {
            inFlight = false;
            demanded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitWritten() throws IOException {
        lock.lock();
        try {
            while (inFlight && !cancelled && !closeRequested) {
                demanded.await();
            }
            if (inFlight) {
                throw new IOException("The stream closed before its last batch was written");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the server was writing");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the stream. The hub closes a stream while a write is under way only when it gives up on
     * the client (write timeout, full queue, client gone), so then the connection is closed at once:
     * a client that stopped reading would otherwise keep it, and the unsent batches, for as long as
     * it likes. Otherwise the response completes after what was written.
     */
    @Override
    public void close() {
        boolean abort;
        boolean finishNow;
        lock.lock();
        try {
            if (closeRequested) {
                return;
            }
            closeRequested = true;
            abort = writing;
            finishNow = !writing && body != null;
            demanded.signalAll();
        } finally {
            lock.unlock();
        }
        if (abort) {
            log.debug("Closing the connection of the stream to {}, which is not reading", remoteAddress);
            connection.abort();
        }
        if (finishNow) {
            finish();
        }
    }

    /** Sends the gzip trailer when the server can take it (it always releases the deflater), then completes the body. */
    private void finish() {
        boolean trailer;
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            trailer = gzip != null && !cancelled && demand > 0;
            if (trailer) {
                demand--;
            }
        } finally {
            lock.unlock();
        }
        Subscriber<? super Publisher<DataBuffer>> subscriber = body;
        if (gzip != null) {
            try {
                byte[] end = gzip.finish();
                if (trailer) {
                    subscriber.onNext(Mono.just(buffers.wrap(end)));
                }
            } catch (IOException e) {
                log.debug("The gzip trailer of a stream to {} was not sent: {}", remoteAddress, e.toString());
            }
        }
        subscriber.onComplete();
    }

    @Override
    public @Nullable String remoteAddress() {
        return remoteAddress;
    }
}
