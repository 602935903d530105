package dev.sseboot.bench.run;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.FanoutResult;
import dev.sseboot.bench.result.FanoutStep;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * S1: the highest publish rate at which a server gets nearly every event to every stream within
 * the on-time bound. Each rate runs on a fresh server process (the rate is a start-up argument).
 * First every server climbs the ladder until a rate fails; then, while the run's time budget
 * lasts, each gets rates between its last pass and its first failure, all servers alike, so a
 * short budget costs every server the same precision.
 */
final class FanoutScenario {

    private final ServerRuns runs;
    private final BenchPlan plan;
    private final Instant deadline;
    private Duration stepTime = Duration.ZERO;
    private int stepsRun;

    FanoutScenario(ServerRuns runs, Instant deadline) {
        this.runs = runs;
        this.plan = runs.plan();
        this.deadline = deadline;
    }

    /** @param save called with the results so far after each server's climb and each round of refinement */
    void run(List<ServerSpec> servers, ResultsListener save) throws IOException, InterruptedException {
        List<Climb> climbs = new ArrayList<>();
        for (ServerSpec spec : servers) {
            Climb climb = new Climb(spec);
            climb.ladder();
            climbs.add(climb);
            save.saved(climbs.stream().map(Climb::result).toList());
        }
        for (int round = 0; round < plan.fanoutRefinements(); round++) {
            for (Climb climb : climbs) {
                climb.refine();
            }
            save.saved(climbs.stream().map(Climb::result).toList());
        }
    }

    /** Whether one more step is likely to end before the deadline, judging by the steps so far. */
    private boolean timeForAnotherStep() {
        Duration typical = stepsRun == 0 ? Duration.ZERO : stepTime.dividedBy(stepsRun);
        return Instant.now().plus(typical).isBefore(deadline);
    }

    private FanoutStep step(ServerSpec spec, int rate) throws IOException, InterruptedException {
        Instant start = Instant.now();
        FanoutStep step = runs.run(spec, rate, "s1-" + rate, (server, generator) -> {
            OpenResult open = generator.open(plan.streams(), plan.rampPerSecond(), 0,
                    BenchPlan.seconds(plan.connectTimeoutSeconds()));
            Thread.sleep(BenchPlan.seconds(plan.warmupSeconds()).toMillis());
            WindowResult window = generator.measure(BenchPlan.seconds(plan.fanoutWindowSeconds()),
                    BenchPlan.seconds(plan.graceSeconds()), BenchPlan.seconds(plan.onTimeSeconds()));
            String failure = failure(rate, open, window, server.exitDescription());
            return new FanoutStep(rate, failure == null, failure, open, window);
        });
        stepTime = stepTime.plus(Duration.between(start, Instant.now()));
        stepsRun++;
        Progress.say("S1 %s %d/s x %d streams: %s (%.3f%% on time, p99 %.1f ms, published %.1f/s, generator CPU %.0f%%)",
                spec.name(), rate, plan.streams(), step.passed() ? "pass" : "FAIL: " + step.failure(),
                step.window().onTimeRatio() * 100, step.window().latency().p99Ms(), step.window().publishRate(),
                step.window().generatorCpu() * 100);
        return step;
    }

    /** Why a rate fails, or {@code null} when it passes. */
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

    /** One server's way up the ladder and its refinements. */
    private final class Climb {

        private final ServerSpec spec;
        private final List<FanoutStep> steps = new ArrayList<>();
        private Integer best;
        private Integer failed;
        private String error;

        Climb(ServerSpec spec) {
            this.spec = spec;
        }

        void ladder() throws InterruptedException {
            for (int rate : plan.fanoutRates()) {
                if (!timeForAnotherStep()) {
                    error = "the run's time budget ran out before " + rate + "/s";
                    return;
                }
                if (!tryRate(rate)) {
                    return;
                }
            }
        }

        /** Tries the rate halfway (geometrically) between the last pass and the first failure. */
        void refine() throws InterruptedException {
            if (best == null || failed == null || error != null) {
                return;
            }
            int middle = (int) Math.round(Math.sqrt((double) best * failed));
            if (middle <= best || middle >= failed) {
                return;
            }
            if (!timeForAnotherStep()) {
                error = "the run's time budget ran out before refining at " + middle + "/s";
                return;
            }
            tryRate(middle);
        }

        /** @return whether the rate passed */
        private boolean tryRate(int rate) throws InterruptedException {
            try {
                FanoutStep step = step(spec, rate);
                steps.add(step);
                if (step.passed()) {
                    best = best == null ? rate : Math.max(best, rate);
                } else {
                    failed = failed == null ? rate : Math.min(failed, rate);
                }
                return step.passed();
            } catch (IOException | RuntimeException e) {
                Progress.say("S1 %s %d/s stopped: %s", spec.name(), rate, Progress.describe(e));
                error = rate + "/s: " + Progress.describe(e);
                return false;
            }
        }

        FanoutResult result() {
            return new FanoutResult(spec.name(), plan.streams(), List.copyOf(steps), best, failed == null && error == null,
                    error);
        }
    }

    /** Receives S1's results so far, to write them to disk. */
    @FunctionalInterface
    interface ResultsListener {
        void saved(List<FanoutResult> results) throws IOException;
    }
}
