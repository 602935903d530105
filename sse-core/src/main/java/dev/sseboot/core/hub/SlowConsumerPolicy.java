package dev.sseboot.core.hub;

/** What happens to a client whose queue is full because it reads slower than events are published. */
public enum SlowConsumerPolicy {
    /** Close the client; it reconnects with its Last-Event-ID and catches up from the replay window. */
    DISCONNECT,
    /** Keep the client and drop its oldest queued frame to make room; every drop is counted. */
    DROP_OLDEST
}
