package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseMessage;

/**
 * Observes what the hub does, for metrics, logs and presence. Callbacks run on the thread that
 * caused them (publisher, drain executor or maintenance scheduler), so they must be quick and must
 * not block; an exception thrown here is logged and does not affect delivery.
 *
 * <p>{@link #closed} is called once for every subscription that {@link #subscribed} was called for,
 * and after it; a subscription that never got {@code subscribed} (its subscribe failed, for one
 * because the broker could not open the channel) never gets {@code closed} either, so a count of
 * open streams kept from the two stays exact.
 */
public interface SseHubListener {

    default void subscribed(Subscription subscription) {
    }

    default void closed(Subscription subscription, CloseReason reason) {
    }

    default void published(String channel, SseMessage message) {
    }

    /**
     * One write to one client finished.
     *
     * @param messages the events in that write (heartbeats and other control frames excluded)
     * @param latencyNanos from the publish of the oldest frame in the write to the end of the write
     */
    default void delivered(Subscription subscription, int messages, long latencyNanos) {
    }

    default void dropped(Subscription subscription, DropReason reason) {
    }
}
