package dev.sseboot.redis;

import org.jspecify.annotations.Nullable;

import java.util.Set;
import java.util.concurrent.Future;

/**
 * This instance's pub/sub subscriptions, kept in line with what its channel feeds want: the
 * topic of every channel served here, and what carries the open patterns. Each change is made
 * by reading what is wanted at that moment, so opens and closes racing on several threads end
 * with the last state and never with a stale one.
 */
interface Subscriptions {

    /**
     * Subscribes to or unsubscribes from the channel's topic, whichever is wanted now.
     *
     * @return the subscription's confirmation when this subscribed, else {@code null}
     */
    @Nullable Future<?> syncChannel(String topic);

    /** Subscribes to or unsubscribes from what carries the pattern's events, whichever is wanted now. */
    void syncPattern(String glob);

    /**
     * Periodic upkeep, on the probe thread: subscribes what could not be subscribed before and,
     * on a cluster, moves sharded subscriptions to the nodes that own their slots now.
     */
    void maintain();

    /** What the feeds want and where subscribed events go. */
    interface Listener {

        /** An announcement, from a channel's own topic or from a pattern's. */
        void message(byte[] body, boolean viaPattern);

        /** A channel topic's subscription is confirmed (again): what it missed is in the stream. */
        void subscribed(String topic);

        boolean wantsTopic(String topic);

        boolean wantsGlob(String glob);

        boolean wantsPatterns();

        Set<String> wantedTopics();

        Set<String> wantedGlobs();
    }
}
