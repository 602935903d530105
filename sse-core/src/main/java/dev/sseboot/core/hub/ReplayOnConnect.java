package dev.sseboot.core.hub;

/** What a fresh stream (one without a Last-Event-ID) gets of its channels' history before it goes live. */
public enum ReplayOnConnect {
    /** Nothing: the stream starts at the channel's head and gets only what is published afterwards. */
    NONE,
    /**
     * Each channel's newest event first, once, then everything published afterwards: a page gets
     * the current state of a channel that publishes whole states without waiting for the next one.
     */
    LATEST
}
