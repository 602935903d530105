package dev.sseboot.bench.run;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.FanoutStep;
import dev.sseboot.bench.result.ServerCpu;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One publish rate on a fresh server process (the rate is a start-up argument): the streams open at
 * the ramp rate, the JVM warms up at the rate for the warm-up time, then one window measures delivery
 * and the server's CPU. S6 and S1 both run rates this way; a rate that ran for a server is not run
 * again, so S1 takes S6's runs at the rates they share.
 */
final class RateSteps {

    private final ServerRuns runs;
    private final BenchPlan plan;
    private final Map<String, Map<Integer, FanoutStep>> done = new HashMap<>();
    private Duration stepTime = Duration.ZERO;
    private int stepsRun;

    RateSteps(ServerRuns runs) {
        this.runs = runs;
        this.plan = runs.plan();
    }

    boolean hasRun(ServerSpec spec, int rate) {
        return done.getOrDefault(spec.name(), Map.of()).containsKey(rate);
    }

    /** How long a step has taken on average so far; zero before the first. */
    Duration typicalStepTime() {
        return stepsRun == 0 ? Duration.ZERO : stepTime.dividedBy(stepsRun);
    }

    /** The server at this rate: run now, or as it ran before. */
    FanoutStep step(ServerSpec spec, int rate) throws IOException, InterruptedException {
        FanoutStep earlier = done.getOrDefault(spec.name(), Map.of()).get(rate);
        if (earlier != null) {
            return earlier;
        }
        Instant start = Instant.now();
        FanoutStep step = runs.run(spec, rate, "rate-" + rate, (server, generator) -> {
            OpenResult open = generator.open(plan.streams(), plan.rampPerSecond(), 0,
                    BenchPlan.seconds(plan.connectTimeoutSeconds()));
            Thread.sleep(BenchPlan.seconds(plan.warmupSeconds()).toMillis());
            ProcessCpu.Stopwatch cpu = ProcessCpu.start(server.pid());
            WindowResult window = generator.measure(BenchPlan.seconds(plan.fanoutWindowSeconds()),
                    BenchPlan.seconds(plan.graceSeconds()), BenchPlan.seconds(plan.onTimeSeconds()));
            ServerCpu used = cpu.stop();
            String failure = failure(rate, open, window, server.exitDescription());
            return new FanoutStep(rate, failure == null, failure, open, window, used);
        });
        stepTime = stepTime.plus(Duration.between(start, Instant.now()));
        stepsRun++;
        done.computeIfAbsent(spec.name(), name -> new HashMap<>()).put(rate, step);
        Progress.say("%s %d/s x %d streams: %s (%.3f%% on time, p99 %.1f ms, published %.1f/s, server CPU %s, "
                        + "generator CPU %.0f%%)",
                spec.name(), rate, plan.streams(), step.passed() ? "pass" : "FAIL: " + step.failure(),
                step.window().onTimeRatio() * 100, step.window().latency().p99Ms(), step.window().publishRate(),
                Progress.cpu(step.cpu()), step.window().generatorCpu() * 100);
        return step;
    }

    /** Why a rate fails S1's bar, or {@code null} when it passes. */
    private String failure(int rate, OpenResult open, WindowResult window, String serverExit) {
        if (serverExit != null) {
            return serverExit;
        }
        if (open.failed() > 0) {
            return open.failed() + " of " + open.requested() + " streams failed to open " + open.failures();
        }
        if (window.onTimeRatio() < plan.minOnTimeRatio()) {
            return String.format("%.3f%% on time, below %.1f%%", window.onTimeRatio() * 100, plan.minOnTimeRatio() * 100);
        }
        if (window.publishRate() < plan.minPublishShare() * rate) {
            return String.format("published %.1f/s, below %.0f%% of %d/s", window.publishRate(),
                    plan.minPublishShare() * 100, rate);
        }
        return null;
    }
}
