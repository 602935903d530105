package dev.sseboot.bench.run;

import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.FanoutStep;
import dev.sseboot.bench.result.FixedLoadResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * S6: every server at the same fixed rates, whatever it manages at each, so that CPU per delivery,
 * delivered events and latency compare at equal load (S1 compares the highest rates instead). Each
 * rate runs on a fresh server process ({@link RateSteps}).
 */
final class FixedLoadScenario {

    private final RateSteps steps;
    private final BenchPlan plan;

    FixedLoadScenario(RateSteps steps, BenchPlan plan) {
        this.steps = steps;
        this.plan = plan;
    }

    FixedLoadResult run(ServerSpec spec) throws InterruptedException {
        List<FanoutStep> results = new ArrayList<>();
        for (int rate : plan.fixedRates()) {
            try {
                results.add(steps.step(spec, rate));
            } catch (IOException | RuntimeException e) {
                Progress.say("S6 %s %d/s stopped: %s", spec.name(), rate, Progress.describe(e));
                return new FixedLoadResult(spec.name(), plan.streams(), results, rate + "/s: " + Progress.describe(e));
            }
        }
        return new FixedLoadResult(spec.name(), plan.streams(), results, null);
    }
}
