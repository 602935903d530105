package dev.sseboot.web.servlet;

import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.web.GzipFrames;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One stream as the hub sees it. The {@link SseEmitter} runs the async request's lifecycle (its
 * completion, error and timeout callbacks, and {@code complete()}); the frames, which are encoded
 * bytes already, go straight to the response's output stream, a batch as one write and one flush,
 * without Spring MVC's message converters or its per-write locking. Only the hub's drain threads
 * call {@link #write}: it blocks on the socket, so it must never run on a publishing thread.
 */
final class EmitterSink implements SseSink {

    private static final Logger log = LoggerFactory.getLogger(EmitterSink.class);

    private final SseEmitter emitter;
    private final String remoteAddress;
    private final @Nullable GzipFrames gzip;

    private volatile @Nullable Subscription subscription;
    private volatile boolean ready;

    // Guarded by this.
    private boolean writing;
    private boolean closeRequested;
    /** Why a write failed: the client is gone. */
    private @Nullable IOException writeFailure;

    /**
     * Held for each write and when the exchange ends, so nothing is written once the container has
     * completed the request and may recycle its response. A lock rather than a monitor: a virtual
     * thread blocked in a socket write inside {@code synchronized} would pin its carrier.
     */
    private final ReentrantLock outputLock = new ReentrantLock();
    // Guarded by outputLock.
    private @Nullable ServletOutputStream output;
    private boolean exchangeEnded;

    /** @param gzip the stream's compression, or {@code null} to send frames as they are */
    EmitterSink(SseEmitter emitter, String remoteAddress, @Nullable GzipFrames gzip) {
        this.emitter = emitter;
        this.remoteAddress = remoteAddress;
        this.gzip = gzip;
    }

    /**
     * Reports the end of the HTTP exchange (client gone, error, container timeout) to the hub. The
     * emitter calls these on a container thread before the container recycles the response.
     */
    void bindTo(Subscription subscription) {
        this.subscription = subscription;
        emitter.onCompletion(() -> exchangeEnded(subscription));
        emitter.onTimeout(() -> exchangeEnded(subscription));
        emitter.onError(error -> exchangeEnded(subscription));
    }

    private void exchangeEnded(Subscription subscription) {
        outputLock.lock();
        try {
            exchangeEnded = true;
            output = null;
        } finally {
            outputLock.unlock();
        }
        subscription.disconnected();
    }

    /**
     * Not before Spring MVC has taken over the emitter. A frame sent earlier would be written on the
     * request thread while Spring MVC starts the async request; when the client is already gone,
     * that write fails there, the emitter never registers its completion and error callbacks, and
     * the container recycles the request forcibly, logging a stack trace.
     */
    @Override
    public boolean isReady() {
        return ready;
    }

    /**
     * Spring MVC has started the async request with this emitter: the hub may write from now on, to
     * the response as the filters handed it to Spring MVC (so what they wrap it for, such as headers
     * written on commit, still happens).
     */
    void handedOver(HttpServletResponse response) {
        Subscription bound = subscription;
        try {
            ServletOutputStream stream = response.getOutputStream();
            outputLock.lock();
            try {
                output = exchangeEnded ? null : stream;
            } finally {
                outputLock.unlock();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("The stream to {} has no output stream; ending it: {}", remoteAddress, e.toString());
            if (bound != null) {
                bound.disconnected();
            }
            return;
        }
        ready = true;
        if (bound != null) {
            bound.ready();
        }
    }

    @Override
    public void write(List<SseFrame> frames) throws IOException {
        synchronized (this) {
            if (closeRequested) {
                throw new IOException("The stream is closed");
            }
            writing = true;
        }
        IOException failure = null;
        try {
            outputLock.lock();
            try {
                ServletOutputStream out = openOutput();
                if (gzip != null) {
                    out.write(gzip.compress(frames));
                } else {
                    for (SseFrame frame : frames) {
                        frame.writeTo(out);
                    }
                }
                out.flush();
            } finally {
                outputLock.unlock();
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        } finally {
            boolean finish;
            synchronized (this) {
                writing = false;
                writeFailure = writeFailure == null ? failure : writeFailure;
                finish = closeRequested;
            }
            if (finish) {
                finish();
            }
        }
    }

    // Guarded by outputLock.
    private ServletOutputStream openOutput() throws IOException {
        ServletOutputStream out = output;
        if (out == null) {
            throw new IOException("The HTTP exchange of the stream to " + remoteAddress + " has ended");
        }
        return out;
    }

    /**
     * Ends the stream, or, while a write is under way, leaves that to the write when it returns: a
     * write stuck on a client that stopped reading holds the output until the container's socket
     * timeout, so ending here would hold one more thread for as long (and the gzip trailer must not
     * be made while a batch is being compressed).
     */
    @Override
    public void close() {
        synchronized (this) {
            closeRequested = true;
            if (writing) {
                return;
            }
        }
        finish();
    }

    /**
     * Completes the async request. Not under the output lock: the container runs the completion
     * callback, which takes that lock, while Spring MVC's own lock on the request is held. After a
     * failed write it completes with the error Spring MVC's own writes raise for a vanished client,
     * so the async dispatch ends the request quietly instead of leaving the container to render an
     * error page into the committed event stream.
     */
    private void finish() {
        IOException trailerFailure = gzip == null ? null : writeTrailer(gzip);
        IOException failure;
        synchronized (this) {
            failure = writeFailure != null ? writeFailure : trailerFailure;
        }
        if (failure == null) {
            emitter.complete();
        } else {
            emitter.completeWithError(new AsyncRequestNotUsableException(
                    "The client of the stream to " + remoteAddress + " is gone", failure));
        }
    }

    /** @return why the trailer could not be sent, or {@code null} when it was */
    private @Nullable IOException writeTrailer(GzipFrames compression) {
        outputLock.lock();
        try {
            // Made first, whether or not it can be sent: finishing releases the deflater's native memory.
            byte[] trailer = compression.finish();
            ServletOutputStream out = openOutput();
            out.write(trailer);
            out.flush();
            return null;
        } catch (IOException e) {
            log.debug("The gzip trailer of a stream to {} was not sent: {}", remoteAddress, e.toString());
            return e;
        } finally {
            outputLock.unlock();
        }
    }

    /**
     * Neither Tomcat nor Jetty watches the socket of an async request while the application holds
     * it: a client that closes its connection is noticed only when a write fails (measured on
     * Tomcat 11: not within 20 s without a write, and a {@code ReadListener} on the bodyless GET gets
     * {@code onAllDataRead} at once and nothing after; on Jetty 12.1: none of 50 streams released
     * 10 s after their clients reset or closed). So the hub probes quiet streams.
     */
    @Override
    public boolean needsDisconnectProbe() {
        return true;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
