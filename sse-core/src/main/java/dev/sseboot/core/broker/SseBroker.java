package dev.sseboot.core.broker;

import dev.sseboot.core.wire.SseMessage;

import java.util.List;

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
 * <p>Every stream starts at a position: a fresh one at {@link #head}, a resumed one at its
 * Last-Event-ID. The hub sends that position to the client as an id-only block (which sets the
 * client's last event id and dispatches nothing), so a client that reconnects before its first
 * event still says where it was. A broker therefore replays from every id it hands out, also for
 * a channel that has no history yet: each broker defines its own beginning (the in-memory broker
 * a value of its hub-wide counter, the Redis broker a stream id of the moment). An id is
 * replayable while the events after it are; once some of them may be gone, or the broker can no
 * longer tell (a position older than the replay ttl on a channel whose history expired), the
 * answer is a gap. A gap, too, names the id to go on from, so the client keeps its place.
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

    /**
     * The events of the channel published after {@code lastEventId} (an event's id, or a position
     * from {@link #head}), or a gap when some of them can no longer be replayed. Either answer's
     * {@link Replay#latestId()} is where the client stands afterwards, never {@code null}.
     */
    Replay replay(String channel, String lastEventId);

    /**
     * Where the channel stands now, for a stream that starts live: a {@link Replay} without events
     * and without a gap whose {@link Replay#latestId()} is an id that {@link #replay} resumes from
     * with exactly the events published after this call, and whose {@link Replay#position()} is that
     * id's delivery position. For a channel without history the id is this broker's beginning; it
     * is never {@code null}.
     */
    Replay head(String channel);

    /**
     * The newest events of the channel's history, at most {@code limit} of them, oldest first (as
     * {@link #replay} would give them): what a page needs to show a channel's current state, and
     * what a fresh stream gets first with {@code SseSettings.replayOnConnect}. Empty for a channel
     * without history.
     *
     * @param limit how many events at most; 0 gives none
     * @throws IllegalArgumentException when {@code limit} is negative
     * @throws SseBrokerException when the history cannot be read
     */
    List<SseMessage> history(String channel, int limit);

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

    /**
     * The hub now has local subscribers on every channel this pattern ({@code ChannelPatterns} in
     * the hub package) matches, including channels nobody has published on yet. A broker that routes
     * events per channel must from now on deliver every channel that matches, not only the opened
     * ones; one that delivers every channel anyway (the in-memory broker) has nothing to do. Counted
     * and reported like {@link #channelOpened}, with the same rules: opens and closes may arrive out
     * of order, and if this throws, the subscribe that opened the pattern fails and releases
     * everything it took.
     */
    default void patternOpened(String pattern) {
    }

    /** The hub's last local subscriber on this pattern left. */
    default void patternClosed(String pattern) {
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

        /**
         * Events of the channel left the broker's history before they could be delivered here (a
         * long outage that outlasted the replay window): the hub's open streams of that channel
         * cannot go on without a gap. Called before any later event of the channel is delivered,
         * so the hub can end those streams before they move past the gap, and their clients
         * reconnect and get the gap event.
         */
        default void historyLost(String channel) {
        }
    }
}
