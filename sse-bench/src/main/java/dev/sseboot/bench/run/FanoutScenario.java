package dev.sseboot.bench.run;

import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.FanoutResult;
import dev.sseboot.bench.result.FanoutStep;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * S1: the highest publish rate at which a server gets nearly every event to every stream within
 * the on-time bound. Each rate runs on a fresh server process ({@link RateSteps}; a rate S6 ran
 * already counts as tried). First every server climbs the ladder until a rate fails; then, while
 * the run's time budget lasts, each gets rates between its last pass and its first failure, all
 * servers alike, so a short budget costs every server the same precision.
 */
final class FanoutScenario {

    private final RateSteps steps;
    private final BenchPlan plan;
    private final Instant deadline;

    FanoutScenario(RateSteps steps, BenchPlan plan, Instant deadline) {
        this.steps = steps;
        this.plan = plan;
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

    /** Whether the rate ran already, or one more step is likely to end before the deadline. */
    private boolean timeFor(ServerSpec spec, int rate) {
        return steps.hasRun(spec, rate) || Instant.now().plus(steps.typicalStepTime()).isBefore(deadline);
    }

    /** One server's way up the ladder and its refinements. */
    private final class Climb {

        private final ServerSpec spec;
        private final List<FanoutStep> tried = new ArrayList<>();
        private Integer best;
        private Integer failed;
        private String error;

        Climb(ServerSpec spec) {
            this.spec = spec;
        }

        void ladder() throws InterruptedException {
            for (int rate : plan.fanoutRates()) {
                if (!timeFor(spec, rate)) {
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
            if (!timeFor(spec, middle)) {
                error = "the run's time budget ran out before refining at " + middle + "/s";
                return;
            }
            tryRate(middle);
        }

        /** @return whether the rate passed */
        private boolean tryRate(int rate) throws InterruptedException {
            try {
                FanoutStep step = steps.step(spec, rate);
                tried.add(step);
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
            return new FanoutResult(spec.name(), plan.streams(), List.copyOf(tried), best, failed == null && error == null,
                    error);
        }
    }

    /** Receives results so far, to write them to disk. */
    @FunctionalInterface
    interface ResultsListener {
        void saved(List<FanoutResult> results) throws IOException;
    }
}
