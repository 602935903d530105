package dev.sseboot.bench.report;

import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.FanoutResult;
import dev.sseboot.bench.result.FanoutStep;
import dev.sseboot.bench.result.FixedLoadResult;
import dev.sseboot.bench.result.RunInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The starter's targets, checked against the run: fan-out against the naive baseline and the
 * ceiling, p99 against the ceiling, live heap per idle stream, isolation from stalled clients, CPU at
 * a fixed load, and no gap or duplicate anywhere. A target whose inputs are missing reads "n/a".
 */
final class Targets {

    static final double FANOUT_OVER_BASELINE = 3.0;
    static final double FANOUT_OF_CEILING = 0.8;
    static final double P99_OVER_CEILING = 1.2;
    static final double HEAP_PER_STREAM_BYTES = 16 * 1024;
    static final double P99_WITH_STALLED = 1.2;
    /** The fixed load of the CPU target: S6's rate, on S6's streams. */
    static final int CPU_TARGET_RATE = 5;
    static final double CPU_TARGET_SHARE = 0.60;

    private Targets() {
    }

    static Table table(Results results) {
        RunInfo run = results.run();
        String subject = run.subject();
        String baseline = run.baseline();
        String ceiling = run.ceiling();
        Table table = new Table("target", "measured", "result");

        Double rate = results.maxRate(subject);
        Double baselineRate = results.maxRate(baseline);
        Double ceilingRate = results.maxRate(ceiling);
        table.row("S1 fan-out ≥ " + FANOUT_OVER_BASELINE + "× " + baseline,
                rate(results, subject) + ", " + rate(results, baseline) + ": " + Format.ratio(rate, baselineRate),
                Format.check(fanoutAtLeast(results, subject, baseline, FANOUT_OVER_BASELINE)));
        table.row("S1 fan-out ≥ " + FANOUT_OF_CEILING + "× " + ceiling,
                rate(results, subject) + ", " + rate(results, ceiling) + ": " + Format.ratio(rate, ceilingRate),
                Format.check(fanoutAtLeast(results, subject, ceiling, FANOUT_OF_CEILING)));

        Double p99 = results.latencyP99(subject);
        Double ceilingP99 = results.latencyP99(ceiling);
        table.row("S2 p99 ≤ " + P99_OVER_CEILING + "× " + ceiling + "'s p99 at the same load",
                latencies(subject, p99, ceiling, ceilingP99) + ": " + Format.ratio(p99, ceilingP99),
                Format.check(atMost(p99, ceilingP99, P99_OVER_CEILING)));

        Double heap = results.heapPerStream(subject);
        table.row("S3 live heap ≤ " + Format.kib(HEAP_PER_STREAM_BYTES) + " per idle stream",
                heap == null ? Format.NONE : Format.kib(heap) + " per stream",
                Format.check(heap == null ? null : heap <= HEAP_PER_STREAM_BYTES));

        Double stalledP99 = results.isolatedP99(subject);
        table.row("S4 healthy p99 with stalled clients ≤ " + P99_WITH_STALLED + "× without",
                latencies("with", stalledP99, "without", p99) + ": " + Format.ratio(stalledP99, p99)
                        + (backPressure(results, subject) ? "" : " (no back-pressure reached the server: see S4)"),
                Format.check(atMost(stalledP99, p99, P99_WITH_STALLED)));

        Double cpu = results.fixedCpu(subject, CPU_TARGET_RATE);
        table.row("S6 CPU at " + Format.number(run.plan().streams()) + " streams × " + CPU_TARGET_RATE
                        + " events/s ≤ " + Format.share(CPU_TARGET_SHARE) + " of a core",
                cpu == null ? Format.NONE : Format.share(cpu) + " of a core, "
                        + Format.cpuMillis(results.fixedCpuPerDeliveries(subject, CPU_TARGET_RATE))
                        + " per 100,000 deliveries",
                Format.check(cpu == null ? null : cpu <= CPU_TARGET_SHARE));

        List<WindowResult> windows = windows(results, subject);
        long gaps = windows.stream().mapToLong(WindowResult::gaps).sum();
        long duplicates = windows.stream().mapToLong(WindowResult::duplicates).sum();
        table.row("zero gaps and duplicates in every scenario",
                gaps + " gaps, " + duplicates + " duplicates over " + windows.size() + " measurement windows",
                Format.check(windows.isEmpty() ? null : gaps == 0 && duplicates == 0));
        return table;
    }

    /** Every window that measured the subject's healthy streams: S1's and S6's steps (once each), S2 and S4. */
    static List<WindowResult> windows(Results results, String server) {
        Set<FanoutStep> steps = new LinkedHashSet<>();
        results.fixed(server).map(FixedLoadResult::steps).ifPresent(steps::addAll);
        results.fanout(server).map(FanoutResult::steps).ifPresent(steps::addAll);
        List<WindowResult> windows = new ArrayList<>(steps.stream().map(FanoutStep::window).toList());
        results.latency(server).ifPresent(windows::add);
        results.isolated(server).ifPresent(windows::add);
        return windows;
    }

    /** Whether the stalled streams left more unread than a loopback socket buffers, so the server's writes blocked. */
    static boolean backPressure(Results results, String server) {
        Double unread = results.streams(server).map(result -> result.unreadBytesPerStalledStream()).orElse(null);
        return unread != null && unread > results.run().loopbackSendBuffer();
    }

    /**
     * Whether the subject's highest rate is at least {@code factor} times the reference's. A server
     * that passed every rate tried may go higher, so it settles the answer only one way: a subject
     * at the top can still be met, not failed; a reference at the top can still fail it, not meet it.
     */
    private static Boolean fanoutAtLeast(Results results, String subject, String reference, double factor) {
        Double rate = results.maxRate(subject);
        Double referenceRate = results.maxRate(reference);
        if (rate == null || referenceRate == null) {
            return null;
        }
        boolean atLeast = rate >= factor * referenceRate;
        boolean settled = atLeast ? !topReached(results, reference) : !topReached(results, subject);
        return settled ? atLeast : null;
    }

    private static boolean topReached(Results results, String server) {
        return results.fanout(server).map(FanoutResult::topReached).orElse(false);
    }

    private static Boolean atMost(Double value, Double reference, double factor) {
        return value == null || reference == null ? null : value <= factor * reference;
    }

    private static String rate(Results results, String server) {
        if (results.fanout(server).isEmpty()) {
            return server + " not run";
        }
        return server + " " + Optional.ofNullable(results.maxRate(server)).map(value -> Format.number(value) + "/s")
                .orElse("none passed") + (topReached(results, server) ? " (every rate tried passed)" : "");
    }

    private static String latencies(String name, Double p99, String otherName, Double otherP99) {
        return name + " " + (p99 == null ? Format.NONE : Format.ms(p99)) + ", " + otherName + " "
                + (otherP99 == null ? Format.NONE : Format.ms(otherP99));
    }
}
