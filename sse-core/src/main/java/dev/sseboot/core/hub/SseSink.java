package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseFrame;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.List;

/**
 * The transport seam: one client connection. The hub calls it from its drain executor only, never
 * from a publishing thread, and never from two threads at once.
 */
public interface SseSink {

    /**
     * Writes the frames in order, then flushes once. May block; the hub bounds how long with its
     * write timeout.
     *
     * @throws IOException when the client is gone; the hub then closes the subscription quietly
     */
    void write(List<SseFrame> frames) throws IOException;

    /** Ends the connection. Called exactly once, possibly while a {@link #write} is blocked. */
    void close();

    /**
     * Whether the transport can take writes yet. A sink that answers {@code false} when it
     * subscribes calls {@link Subscription#ready()} once it can; until then the hub keeps its
     * frames queued (bounded by the queue capacity) and writes nothing. Most transports are ready
     * at once; a servlet response is not until the framework has taken over the request.
     */
    default boolean isReady() {
        return true;
    }

    /**
     * Whether the hub has to write to learn that this sink's client is gone. A transport that
     * notices a closed connection by itself calls {@link Subscription#disconnected()} and answers
     * {@code false} (the default). One that only learns it from a failed write (a servlet
     * container's async response, which does not watch the socket while the application holds it)
     * answers {@code true}, and the hub writes a comment to its stream whenever it has been quiet
     * for a moment, so a closed connection is found within about a second, not at the next
     * heartbeat.
     */
    default boolean needsDisconnectProbe() {
        return false;
    }

    /** The client's address as the transport sees it, for events and logs; {@code null} when unknown. */
    default @Nullable String remoteAddress() {
        return null;
    }
}
