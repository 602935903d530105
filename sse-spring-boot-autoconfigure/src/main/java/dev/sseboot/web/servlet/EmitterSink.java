package dev.sseboot.web.servlet;

import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.web.GzipFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One stream as the hub sees it, written through an {@link SseEmitter}. Only the hub's drain
 * threads call {@link #write}: {@code SseEmitter.send} holds a lock and blocks on the socket, so it
 * must never run on a publishing thread. A batch goes out as one {@code send} and one flush.
 */
final class EmitterSink implements SseSink {

    private static final Logger log = LoggerFactory.getLogger(EmitterSink.class);

    private final SseEmitter emitter;
    private final String remoteAddress;
    private final GzipFrames gzip;

    private volatile Subscription subscription;
    private volatile boolean ready;

    // Guarded by this.
    private boolean writing;
    private boolean closeRequested;

    /** @param gzip the stream's compression, or {@code null} to send frames as they are */
    EmitterSink(SseEmitter emitter, String remoteAddress, GzipFrames gzip) {
        this.emitter = emitter;
        this.remoteAddress = remoteAddress;
        this.gzip = gzip;
    }

    /** Reports the end of the HTTP exchange (client gone, error, container timeout) to the hub. */
    void bindTo(Subscription subscription) {
        this.subscription = subscription;
        emitter.onCompletion(subscription::disconnected);
        emitter.onTimeout(subscription::disconnected);
        emitter.onError(error -> subscription.disconnected());
    }

    /**
     * Not before Spring MVC has taken over the emitter. A frame sent earlier is kept by the emitter
     * and written on the request thread while Spring MVC starts the async request; when the client
     * is already gone, that write fails there, the emitter never registers its completion and error
     * callbacks, and the container recycles the request forcibly, logging a stack trace.
     */
    @Override
    public boolean isReady() {
        return ready;
    }

    /** Spring MVC has started the async request with this emitter: the hub may write from now on. */
    void handedOver() {
        ready = true;
        Subscription bound = subscription;
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
        try {
            if (gzip != null) {
                emitter.send(Set.of(new DataWithMediaType(gzip.compress(frames), MediaType.APPLICATION_OCTET_STREAM)));
            } else {
                Set<DataWithMediaType> batch = new LinkedHashSet<>(frames.size() * 2);
                for (SseFrame frame : frames) {
                    batch.add(new DataWithMediaType(frame, MediaType.TEXT_EVENT_STREAM));
                }
                emitter.send(batch);
            }
        } finally {
            boolean finish;
            synchronized (this) {
                writing = false;
                finish = closeRequested;
            }
            if (finish) {
                finish();
            }
        }
    }

    /**
     * Ends the stream, or, while a write is under way, leaves that to the write when it returns:
     * {@code complete()} takes the emitter's lock, which a write stuck on a client that stopped
     * reading holds until the container's socket timeout, so ending here would hold one more thread
     * for as long (and the gzip trailer must not be made while a batch is being compressed).
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

    private void finish() {
        if (gzip != null) {
            try {
                emitter.send(Set.of(new DataWithMediaType(gzip.finish(), MediaType.APPLICATION_OCTET_STREAM)));
            } catch (IOException | IllegalStateException e) {
                log.debug("The gzip trailer of a stream to {} was not sent: {}", remoteAddress, e.toString());
            }
        }
        emitter.complete();
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
