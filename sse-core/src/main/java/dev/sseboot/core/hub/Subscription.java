package dev.sseboot.core.hub;

import org.jspecify.annotations.Nullable;

/** One client's stream on one channel, as handed out by {@link SseHub#subscribe}. */
public interface Subscription {

    /** A hub-unique number, for logs and diagnostics. */
    long id();

    String channel();

    /** The user the stream belongs to, or {@code null} for an anonymous stream. */
    @Nullable String user();

    /** The client's address as the transport reported it, or {@code null}. */
    @Nullable String remoteAddress();

    /** Frames waiting to be written to this client. */
    int queuedFrames();

    boolean isOpen();

    /** Ends the stream from the server side after writing what is already queued. */
    void close();

    /** Tells the hub the transport lost the client: everything is released without writing more. */
    void disconnected();

    /** Tells the hub a sink that was not {@linkplain SseSink#isReady() ready} can take writes now. */
    void ready();
}
