package dev.sseboot.core.hub;

/** Why a stream ended; metrics tag closed connections with it. */
public enum CloseReason {
    /** The transport reported the client gone (disconnect, broken pipe, failed write). */
    CLIENT_GONE,
    /** The client's queue was full under {@link SlowConsumerPolicy#DISCONNECT}. */
    SLOW_CONSUMER,
    /** One write took longer than the write timeout and {@code closeOnTimeout} is on. */
    WRITE_TIMEOUT,
    /** No event for longer than the idle timeout. */
    IDLE_TIMEOUT,
    /** {@link SseHub#closeChannel(String)} ended the channel's streams. */
    CHANNEL_CLOSED,
    /**
     * The broker lost events of the channel before they reached the stream (its history was trimmed
     * during a long outage); the client reconnects and gets the gap event.
     */
    HISTORY_LOST,
    /** The application closed the subscription. */
    SERVER_CLOSED,
    /** The hub shut down. */
    SHUTDOWN
}
