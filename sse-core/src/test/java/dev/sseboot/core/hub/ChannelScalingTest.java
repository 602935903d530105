package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joining and leaving a channel costs the same however many streams it has, so a connect storm of
 * n streams costs n, not n². Measured as a scaling ratio, never against a wall-clock bound: ten
 * times the streams may take about ten times as long (linear), and a channel that copied its
 * subscribers on every join and leave (as a copy-on-write list did) takes about a hundred times.
 */
class ChannelScalingTest {

    private static final int SMALL = 10_000;
    private static final int LARGE = 100_000;
    /**
     * Linear is 10×, quadratic 100×; measured here on a loaded machine: 19× for the set, 40× for the
     * copy-on-write list. A quiet machine separates them further.
     */
    private static final double MAX_RATIO = 40;

    private final SseHub hub = SseHub.create(SseSettings.defaults());

    @AfterEach
    void shutdown() {
        hub.shutdown();
    }

    @Test
    void joinsAndLeavesScaleLinearlyWithTheChannelsSize() {
        joinAndLeave(SMALL); // warm-up: the JIT compiles the subscribe path before anything is timed
        long small = fastestOf3(SMALL);
        long large = fastestOf3(LARGE);

        double ratio = (double) large / small;
        assertThat(ratio)
                .as("time for %,d joins and leaves over time for %,d (%,d µs / %,d µs)", LARGE, SMALL,
                        large / 1000, small / 1000)
                .isLessThan(MAX_RATIO);
    }

    private long fastestOf3(int streams) {
        long fastest = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            fastest = Math.min(fastest, joinAndLeave(streams));
        }
        return fastest;
    }

    /** Subscribes {@code streams} clients to one channel, then lets them all go; returns the nanoseconds it took. */
    private long joinAndLeave(int streams) {
        List<Subscription> subscriptions = new ArrayList<>(streams);
        long started = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            subscriptions.add(hub.subscribe("storm", new IdleSink(), null));
        }
        assertThat(hub.subscriberCount("storm")).isEqualTo(streams);
        for (Subscription subscription : subscriptions) {
            subscription.disconnected();
        }
        long took = System.nanoTime() - started;
        assertThat(hub.hasChannel("storm")).isFalse();
        return took;
    }

    /** A transport that never becomes ready, so the hub queues and nothing is written: only joining and leaving is measured. */
    private static final class IdleSink implements SseSink {

        @Override
        public boolean isReady() {
            return false;
        }

        @Override
        public void write(List<SseFrame> frames) {
            throw new AssertionError("an idle sink is never written to");
        }

        @Override
        public void close() {
        }
    }
}
