package dev.sseboot.core.hub;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One client's stream, as handed out by {@link SseHub#subscribe}: on one channel, or multiplexed
 * over several channels and patterns.
 */
public interface Subscription {

    /** A hub-unique number, for logs and diagnostics. */
    long id();

    /**
     * The stream's channel; for a multiplexed stream its first entry as requested (a channel or a
     * pattern), so that listeners that know one channel per stream (presence, a metrics tag) still
     * name one. {@link #channels()} has them all.
     */
    String channel();

    /** The channels and patterns the stream subscribed to, as requested; one channel for a single-channel stream. */
    List<String> channels();

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
