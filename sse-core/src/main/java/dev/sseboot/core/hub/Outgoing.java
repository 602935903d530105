package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseFrame;

/**
 * A frame on its way to clients, shared by every subscriber of one publish.
 *
 * @param position the broker's delivery position, or {@code -1} for frames outside the event order
 *     (retry, heartbeat, gap) that are never de-duplicated
 * @param publishedNanos when it was published, for the delivery latency
 * @param message whether it is an event (counted as delivered or dropped) rather than a control frame
 */
record Outgoing(SseFrame frame, long position, long publishedNanos, boolean message) {

    static Outgoing event(SseFrame frame, long position, long publishedNanos) {
        return new Outgoing(frame, position, publishedNanos, true);
    }

    static Outgoing control(SseFrame frame, long publishedNanos) {
        return new Outgoing(frame, -1, publishedNanos, false);
    }
}
