package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joining and leaving a channel costs the same however many streams it already has, so a connect
 * storm of n streams costs n, not n². Measured as a ratio of CPU time, never against a bound: the
 * same joins and leaves on a channel of 100,000 streams and on one of 1,000. A channel that copied
 * its subscribers on every join and leave (as a copy-on-write list did) takes about a hundred times
 * as long on the larger one; a set, about as long. The same holds for multiplexed streams joining a
 * pattern (or a channel), whose streams the hub keeps apart from single-channel ones.
 */
class ChannelScalingTest {

    private static final int SMALL_CHANNEL = 1_000;
    private static final int LARGE_CHANNEL = 100_000;
    private static final int CYCLES = 20_000;
    /** Constant cost is 1×, copying 100×; the margin absorbs cache effects and a shared machine. */
    private static final double MAX_RATIO = 10;
    private static final int ROUNDS = 5;

    private final SseHub hub = SseHub.create(SseSettings.defaults());

    @AfterEach
    void shutdown() {
        hub.shutdown();
    }

    @Test
    void joiningAndLeavingCostsTheSameOnALargeChannel() {
        assertJoinsAndLeavesScale(this::connections);
    }

    @Test
    void multiplexedStreamsJoiningAndLeavingALargePatternCostTheSame() {
        assertJoinsAndLeavesScale(this::multiplexedConnections);
    }

    private void assertJoinsAndLeavesScale(IntFunction<List<Connection>> connections) {
        Channel small = channelOf(connections.apply(SMALL_CHANNEL));
        Channel large = channelOf(connections.apply(LARGE_CHANNEL));
        List<Connection> joining = connections.apply(CYCLES);
        cycles(small, joining); // warm-up: the JIT compiles add and remove before anything is timed
        cycles(large, joining);

        long smallNanos = Long.MAX_VALUE;
        long largeNanos = Long.MAX_VALUE;
        // Interleaved, so a burst of load from elsewhere on the machine hits both sides alike.
        for (int round = 0; round < ROUNDS; round++) {
            smallNanos = Math.min(smallNanos, cycles(small, joining));
            largeNanos = Math.min(largeNanos, cycles(large, joining));
        }

        assertThat(small.subscribers()).hasSize(SMALL_CHANNEL);
        assertThat(large.subscribers()).hasSize(LARGE_CHANNEL);
        assertThat((double) largeNanos / smallNanos)
                .as("%,d joins and leaves beside %,d streams over beside %,d (%,d µs / %,d µs)", CYCLES,
                        LARGE_CHANNEL, SMALL_CHANNEL, largeNanos / 1000, smallNanos / 1000)
                .isLessThan(MAX_RATIO);
    }

    private static Channel channelOf(List<Connection> subscribers) {
        Channel channel = new Channel();
        subscribers.forEach(channel::add);
        return channel;
    }

    private List<Connection> connections(int count) {
        List<Connection> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            connections.add(new Connection(hub, i, "storm", null, new IdleSink(), 0));
        }
        return connections;
    }

    private List<Connection> multiplexedConnections(int count) {
        Multiplex entries = new Multiplex(List.of("storm/*", "calm"));
        List<Connection> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            connections.add(new Connection(hub, i, entries, null, new IdleSink(), 0));
        }
        return connections;
    }

    /**
     * Each connection joins the channel and leaves it again; returns the CPU time this thread spent
     * on it, which, unlike wall time, does not grow while other processes have the core.
     */
    private static long cycles(Channel channel, List<Connection> joining) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = threads.getCurrentThreadCpuTime();
        for (Connection connection : joining) {
            channel.add(connection);
            channel.remove(connection);
        }
        return threads.getCurrentThreadCpuTime() - started;
    }

    /** A transport that is never written to: only joining and leaving is measured. */
    private static final class IdleSink implements SseSink {

        @Override
        public void write(List<SseFrame> frames) {
            throw new AssertionError("an idle sink is never written to");
        }

        @Override
        public void close() {
        }
    }
}
