package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseFrame;
import org.jspecify.annotations.Nullable;

/**
 * A frame on its way to clients, shared by every subscriber of one publish.
 *
 * <p>A <em>sourced</em> frame is for multiplexed streams: its bytes are the block without its
 * {@code id:} line and without the blank line that ends it, and each stream appends its own
 * composite id ({@link CompositeEventId}) when it writes the frame. So the event is still encoded
 * once for all streams, and a stream's position on each channel advances in the order it writes.
 *
 * @param frame the bytes every subscriber writes; {@code null} only for a sourced frame that is
 *     nothing but its id (a multiplexed stream's opening block)
 * @param position the broker's delivery position, or {@code -1} for frames outside the event order
 *     (retry, heartbeat, gap, replayed events) that are never de-duplicated
 * @param publishedNanos when it was published, for the delivery latency
 * @param message whether it is an event (counted as delivered or dropped) rather than a control frame
 * @param source for a sourced frame, what its composite id names as the source (a channel, a
 *     pattern, or {@code ""} for the opening block); {@code null} for a frame written as it is
 * @param eventId for a sourced frame of a channel, the channel's position after it (the event's
 *     id, or where a gap event leaves the client); {@code null} when it moves no position
 */
record Outgoing(@Nullable SseFrame frame, long position, long publishedNanos, boolean message,
        @Nullable String source, @Nullable String eventId) {

    static Outgoing event(SseFrame frame, long position, long publishedNanos) {
        return new Outgoing(frame, position, publishedNanos, true, null, null);
    }

    static Outgoing control(SseFrame frame, long publishedNanos) {
        return new Outgoing(frame, -1, publishedNanos, false, null, null);
    }

    /** An event of a channel for multiplexed streams: its block without the id, which each stream appends. */
    static Outgoing sourcedEvent(SseFrame body, String channel, String eventId, long position, long publishedNanos) {
        return new Outgoing(body, position, publishedNanos, true, channel, eventId);
    }

    /**
     * A control block for multiplexed streams (the opening block, a gap event).
     *
     * @param body the block without its id, or {@code null} for an id-only block
     */
    static Outgoing sourcedControl(@Nullable SseFrame body, String source, @Nullable String eventId,
            long publishedNanos) {
        return new Outgoing(body, -1, publishedNanos, false, source, eventId);
    }
}
