package dev.sseboot.redis;

import java.time.Duration;

/**
 * How many replicas must acknowledge a publish before it counts as done ({@code WAIT} after the
 * publish script, on the same connection), and how long to wait for them.
 *
 * @param replicas replicas that must have the event; 0 waits for none
 * @param timeout how long a publish waits for them
 */
public record ReplicaAcks(int replicas, Duration timeout) {

    /** Waits for no replica: a publish is done once its master stored it. */
    public static final ReplicaAcks NONE = new ReplicaAcks(0, Duration.ZERO);

    public ReplicaAcks {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative but was " + replicas);
        }
        if (replicas > 0 && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("A wait for replicas needs a positive timeout (0 would wait for ever)");
        }
    }
}
