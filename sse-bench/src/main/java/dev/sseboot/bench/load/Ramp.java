package dev.sseboot.bench.load;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One {@link LoadGenerator#open} in progress: how many connects are due by now at the requested
 * rate, which streams are still waiting for their response head, and the outcome so far.
 */
final class Ramp {

    private final int requested;
    private final double perSecond;
    private final int stallOneIn;
    private final long timeoutNanos;
    private final long startNanos;
    private final Set<StreamConnection> pending = new LinkedHashSet<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private final Histogram connectMicros = new Histogram(3);
    private final CompletableFuture<OpenResult> done = new CompletableFuture<>();
    private int started;
    private int opened;
    private int failed;
    private long lastOpenedNanos;

    /**
     * @param stallOneIn every n-th stream of the generator becomes a stall candidate; 0 for none
     */
    Ramp(int requested, double perSecond, int stallOneIn, long timeoutNanos, long startNanos) {
        this.requested = requested;
        this.perSecond = perSecond;
        this.stallOneIn = stallOneIn;
        this.timeoutNanos = timeoutNanos;
        this.startNanos = startNanos;
        this.lastOpenedNanos = startNanos;
        completeIfDone();
    }

    /** Whether the generator's stream number {@code index} (counting from 0) is a stall candidate. */
    boolean stallCandidate(int index) {
        return stallOneIn > 0 && index % stallOneIn == stallOneIn - 1;
    }

    /** How many more connects to start now: those due at the rate, at most {@code batch} at a time. */
    int due(long nowNanos, int batch) {
        long dueByNow = Double.isInfinite(perSecond)
                ? requested
                : Math.min(requested, 1 + (long) ((nowNanos - startNanos) / 1e9 * perSecond));
        return (int) Math.min(batch, dueByNow - started);
    }

    boolean allStarted() {
        return started == requested;
    }

    void started(StreamConnection connection) {
        started++;
        pending.add(connection);
    }

    void startFailed(String reason) {
        started++;
        failed(reason);
    }

    boolean isPending(StreamConnection connection) {
        return pending.contains(connection);
    }

    void opened(StreamConnection connection) {
        pending.remove(connection);
        opened++;
        lastOpenedNanos = connection.openedNanos();
        connectMicros.recordValue((connection.openedNanos() - connection.connectStartNanos()) / 1000);
        completeIfDone();
    }

    void failed(StreamConnection connection, String reason) {
        pending.remove(connection);
        failed(reason);
    }

    /** The streams that waited longer than the timeout for their response head. */
    Set<StreamConnection> expired(long nowNanos) {
        Set<StreamConnection> expired = new LinkedHashSet<>();
        for (StreamConnection connection : pending) {
            if (nowNanos - connection.connectStartNanos() > timeoutNanos) {
                expired.add(connection);
            }
        }
        return expired;
    }

    CompletableFuture<OpenResult> done() {
        return done;
    }

    private void failed(String reason) {
        failures.merge(reason, 1, Integer::sum);
        failed++;
        completeIfDone();
    }

    private void completeIfDone() {
        if (opened + failed == requested) {
            done.complete(new OpenResult(requested, opened, failed, Map.copyOf(failures),
                    (lastOpenedNanos - startNanos) / 1e9, LatencySummary.ofMicros(connectMicros)));
        }
    }
}
