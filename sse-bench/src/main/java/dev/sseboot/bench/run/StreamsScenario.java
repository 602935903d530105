package dev.sseboot.bench.run;

import dev.sseboot.bench.load.LoadGenerator;
import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.StreamTotals;
import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.ServerCpu;
import dev.sseboot.bench.result.StreamsResult;

import java.io.IOException;
import java.time.Duration;

/**
 * S5, S2 and S4 on one server process at the latency rate. S5 opens every stream at once (a
 * connect storm, as after a deploy or a network blip). S2 measures latency with every stream
 * reading. S4 then stops reading on one stream in {@code stallOneIn} (those opened with a minimal
 * receive buffer), lets the server's writes to them back up, and measures the remaining streams
 * again; S2 on the same streams is its "without stalled clients" baseline. Finally the stalled
 * streams read again, to see whether the server closed them or skipped events for them.
 */
final class StreamsScenario {

    /** Time for the resumed stalled streams to read what piled up for them. */
    private static final Duration RESUME_READ = Duration.ofSeconds(2);

    private final ServerRuns runs;
    private final BenchPlan plan;

    StreamsScenario(ServerRuns runs) {
        this.runs = runs;
        this.plan = runs.plan();
    }

    StreamsResult run(ServerSpec spec) throws InterruptedException {
        Partial partial = new Partial();
        try {
            return runs.run(spec, plan.latencyRate(), "s2-s4-s5", (server, generator) -> {
                ProcessCpu.Stopwatch connectCpu = ProcessCpu.start(server.pid());
                partial.connect = generator.open(plan.streams(), Double.POSITIVE_INFINITY, plan.stallOneIn(),
                        BenchPlan.seconds(plan.connectTimeoutSeconds()));
                partial.connectCpu = connectCpu.stop();
                Progress.say("S5 %s: %d of %d streams open in %.2f s (connect p99 %.0f ms), failures %s", spec.name(),
                        partial.connect.opened(), plan.streams(), partial.connect.seconds(),
                        partial.connect.connectTime().p99Ms(), partial.connect.failures());
                Thread.sleep(BenchPlan.seconds(plan.warmupSeconds()).toMillis());
                ProcessCpu.Stopwatch latencyCpu = ProcessCpu.start(server.pid());
                partial.latency = measure(generator);
                partial.latencyCpu = latencyCpu.stop();
                say("S2", spec, partial.latency, partial.latencyCpu);
                partial.stalled = generator.stall();
                long bytesAtStall = generator.stallCandidateTotals().bytes();
                Thread.sleep(BenchPlan.seconds(plan.stallSettleSeconds()).toMillis());
                ProcessCpu.Stopwatch isolatedCpu = ProcessCpu.start(server.pid());
                partial.isolated = measure(generator);
                partial.isolatedCpu = isolatedCpu.stop();
                say("S4", spec, partial.isolated, partial.isolatedCpu);
                generator.resume();
                Thread.sleep(RESUME_READ.toMillis());
                StreamTotals stalled = generator.stallCandidateTotals();
                partial.unreadBytes = partial.stalled == 0 ? null
                        : (stalled.bytes() - bytesAtStall) / (double) partial.stalled;
                return partial.result(spec, stalled, server.exitDescription());
            });
        } catch (IOException | RuntimeException e) {
            Progress.say("S2/S4/S5 %s stopped: %s", spec.name(), Progress.describe(e));
            return partial.result(spec, null, Progress.describe(e));
        }
    }

    private WindowResult measure(LoadGenerator generator) throws InterruptedException {
        return generator.measure(BenchPlan.seconds(plan.latencyWindowSeconds()), BenchPlan.seconds(plan.graceSeconds()),
                BenchPlan.seconds(plan.onTimeSeconds()));
    }

    private void say(String scenario, ServerSpec spec, WindowResult window, ServerCpu cpu) {
        Progress.say("%s %s %d/s x %d streams (%d stalled): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, "
                        + "%.3f%% on time, gaps %d, duplicates %d, server CPU %s, generator CPU %.0f%%",
                scenario, spec.name(), plan.latencyRate(), window.streams(), window.stalledStreams(),
                window.latency().p50Ms(), window.latency().p99Ms(), window.latency().p999Ms(), window.latency().maxMs(),
                window.onTimeRatio() * 100, window.gaps(), window.duplicates(), Progress.cpu(cpu),
                window.generatorCpu() * 100);
    }

    /** What the phases produced so far, so a failure late in the run keeps the earlier results. */
    private final class Partial {
        OpenResult connect;
        WindowResult latency;
        WindowResult isolated;
        int stalled;
        Double unreadBytes;
        ServerCpu connectCpu;
        ServerCpu latencyCpu;
        ServerCpu isolatedCpu;

        StreamsResult result(ServerSpec spec, StreamTotals stalledTotals, String error) {
            return new StreamsResult(spec.name(), plan.latencyRate(), plan.streams(), stalled, connect, latency,
                    isolated, stalledTotals, unreadBytes, error, connectCpu, latencyCpu, isolatedCpu);
        }
    }
}
