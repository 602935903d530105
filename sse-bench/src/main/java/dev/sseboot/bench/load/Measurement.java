package dev.sseboot.bench.load;

import dev.sseboot.bench.protocol.BenchEvent;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * One measurement window in progress. Events count by their publication time, not their arrival:
 * an event published inside the window counts whenever it arrives, so a server that falls behind
 * shows up as latency and missing events rather than as a quieter window.
 */
final class Measurement {

    private final long startNanos;
    private final long endNanos;
    private final long onTimeNanos;
    private final List<StreamConnection> measured;
    private final Histogram latencyMicros = new Histogram(3);
    private long received;
    private long onTime;
    private long minSequence = Long.MAX_VALUE;
    private long minSequencePublished;
    private long maxSequence = -1;
    private long maxSequencePublished;

    /** Starts a window at {@code startNanos} (epoch) over the given streams, resetting their window counters. */
    Measurement(long startNanos, long lengthNanos, long onTimeNanos, List<StreamConnection> measured) {
        this.startNanos = startNanos;
        this.endNanos = startNanos + lengthNanos;
        this.onTimeNanos = onTimeNanos;
        this.measured = measured;
        for (StreamConnection connection : measured) {
            connection.windowReceived = 0;
            connection.windowOnTime = 0;
            connection.gapsAtWindowStart = connection.sequence().gaps();
            connection.duplicatesAtWindowStart = connection.sequence().duplicates();
        }
    }

    void record(StreamConnection connection, BenchEvent event, long receivedNanos) {
        long published = event.publishedNanos();
        if (connection.stalled() || published < startNanos || published > endNanos) {
            return;
        }
        // Both stamps come from the same wall clock; a negative difference is below its resolution.
        long latency = Math.max(0, receivedNanos - published);
        latencyMicros.recordValue(latency / 1000);
        received++;
        connection.windowReceived++;
        if (latency <= onTimeNanos) {
            onTime++;
            connection.windowOnTime++;
        }
        if (event.sequence() < minSequence) {
            minSequence = event.sequence();
            minSequencePublished = published;
        }
        if (event.sequence() > maxSequence) {
            maxSequence = event.sequence();
            maxSequencePublished = published;
        }
    }

    WindowResult result(int stalledStreams, double generatorCpu) {
        long sequences = maxSequence < 0 ? 0 : maxSequence - minSequence + 1;
        long expected = sequences * measured.size();
        double seconds = (endNanos - startNanos) / 1e9;
        double publishRate = maxSequence > minSequence
                ? (maxSequence - minSequence) / ((maxSequencePublished - minSequencePublished) / 1e9)
                : 0;
        long gaps = 0;
        long duplicates = 0;
        long minPerStream = measured.isEmpty() ? 0 : Long.MAX_VALUE;
        long maxPerStream = 0;
        int closed = 0;
        for (StreamConnection connection : measured) {
            gaps += connection.sequence().gaps() - connection.gapsAtWindowStart;
            duplicates += connection.sequence().duplicates() - connection.duplicatesAtWindowStart;
            minPerStream = Math.min(minPerStream, connection.windowReceived);
            maxPerStream = Math.max(maxPerStream, connection.windowReceived);
            if (connection.isClosed()) {
                closed++;
            }
        }
        return new WindowResult(seconds, measured.size(), stalledStreams, sequences, publishRate, expected, received,
                onTime, expected == 0 ? 0 : (double) onTime / expected, received / seconds, minPerStream,
                maxPerStream, gaps, duplicates, closed, LatencySummary.ofMicros(latencyMicros), generatorCpu);
    }
}
