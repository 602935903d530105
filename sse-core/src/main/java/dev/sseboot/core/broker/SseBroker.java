package dev.sseboot.core.broker;

import dev.sseboot.core.wire.SseMessage;

/**
 * Carries published messages to every hub instance and serves replay reads. The hub owns the
 * clients; the broker owns ids, order and history.
 *
 * <p>Contract: the broker assigns an id to a message that has none; it calls
 * {@link Delivery#deliver} for every message of a channel in the order of its ids, one call at a
 * time per channel, each with a {@code position} that increases with that order; and
 * {@link #replay} reports the position of the newest event it saw, so the hub can join a replay
 * and the live feed with no gap and no duplicate.
 *
 * <p>{@code AbstractSseBrokerContractTest} in {@code sse-test} proves this contract for a broker.
 */
public interface SseBroker {

    /** Starts delivering; called once by the hub before its first publish. */
    void start(Delivery delivery);

    /**
     * Stores the message for replay and announces it to every hub.
     *
     * @return the message as stored, with its id
     * @throws SseBrokerException when the message could not be stored or announced; it is never dropped silently
     */
    SseMessage publish(String channel, SseMessage message);

    /** The events of the channel published after the one with {@code lastEventId}, or a gap. */
    Replay replay(String channel, String lastEventId);

    /**
     * The hub now has local subscribers on this channel. Opens and closes of one channel may be
     * reported from different threads, so a close can arrive after the open that follows it: a
     * broker that tracks channels counts them rather than trusting the order. If this throws, the
     * subscribe that opened the channel fails and releases everything it took.
     */
    default void channelOpened(String channel) {
    }

    /** The hub's last local subscriber on this channel left. */
    default void channelClosed(String channel) {
    }

    /** Periodic upkeep (expiring history), called from the hub's maintenance scheduler. */
    default void housekeeping() {
    }

    /** Whether publishes can succeed now; backs the health indicator. */
    default boolean isAvailable() {
        return true;
    }

    /**
     * Stops delivering and releases resources. A publish afterwards fails with
     * {@link IllegalStateException} or {@link SseBrokerException}, or is not delivered here.
     */
    default void close() {
    }

    /** Receives every message of every channel from the broker. */
    @FunctionalInterface
    interface Delivery {
        void deliver(String channel, SseMessage message, long position);
    }
}
