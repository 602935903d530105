package dev.sseboot.core.broker;

/** Why an event left a channel's replay history; a client that last saw it or an older one gets the gap event. */
public enum EvictionReason {
    /** The channel held its maximum number of events ({@code sse.replay.size}). */
    SIZE,
    /** The event was older than the replay ttl ({@code sse.replay.ttl}). */
    TTL,
    /** The channel held its maximum of bytes ({@code sse.replay.max-bytes}). */
    MAX_BYTES,
    /** All channels together held their maximum of bytes ({@code sse.replay.max-total-bytes}); the oldest event of any channel left. */
    MAX_TOTAL_BYTES
}
