package dev.sseboot.autoconfigure.web;

import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseFrame;
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

    private final SseEmitter emitter;
    private final String remoteAddress;

    EmitterSink(SseEmitter emitter, String remoteAddress) {
        this.emitter = emitter;
        this.remoteAddress = remoteAddress;
    }

    /** Reports the end of the HTTP exchange (client gone, error, container timeout) to the hub. */
    void bindTo(Subscription subscription) {
        emitter.onCompletion(subscription::disconnected);
        emitter.onTimeout(subscription::disconnected);
        emitter.onError(error -> subscription.disconnected());
    }

    @Override
    public void write(List<SseFrame> frames) throws IOException {
        Set<DataWithMediaType> batch = new LinkedHashSet<>(frames.size() * 2);
        for (SseFrame frame : frames) {
            batch.add(new DataWithMediaType(frame, MediaType.TEXT_EVENT_STREAM));
        }
        emitter.send(batch);
    }

    @Override
    public void close() {
        emitter.complete();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
