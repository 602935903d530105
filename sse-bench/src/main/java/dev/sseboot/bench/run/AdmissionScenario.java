package dev.sseboot.bench.run;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.AdmissionResult;
import dev.sseboot.bench.result.AdmissionResult.EndpointAnswers;
import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.ServerCpu;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * S7: the subject started on a small heap (its own command line) is asked for more streams than
 * that heap holds, at the ramp rate. Counts the streams it admitted, refused with 503 and failed,
 * measures the admitted ones, asks an ordinary endpoint of the application throughout, and checks
 * that the process is still there with no {@code OutOfMemoryError} in its output.
 */
final class AdmissionScenario {

    private static final String REFUSED = "HTTP 503";

    private final ServerRuns runs;
    private final BenchPlan plan;

    AdmissionScenario(ServerRuns runs) {
        this.runs = runs;
        this.plan = runs.plan();
    }

    AdmissionResult run(ServerSpec spec, String endpointPath) throws InterruptedException {
        try {
            return runs.run(spec, plan.latencyRate(), "s7", (server, generator) -> {
                ProcessCpu.Stopwatch cpu = ProcessCpu.start(server.pid());
                try (EndpointProbe endpoint = EndpointProbe.start(server, endpointPath)) {
                    OpenResult open = generator.open(plan.admissionStreams(), plan.rampPerSecond(), 0,
                            BenchPlan.seconds(plan.connectTimeoutSeconds()));
                    Thread.sleep(BenchPlan.seconds(plan.warmupSeconds()).toMillis());
                    WindowResult window = generator.measure(BenchPlan.seconds(plan.latencyWindowSeconds()),
                            BenchPlan.seconds(plan.graceSeconds()), BenchPlan.seconds(plan.onTimeSeconds()));
                    EndpointAnswers answers = endpoint.answers();
                    ServerCpu used = cpu.stop();
                    int refused = open.failures().entrySet().stream().filter(failure -> failure.getKey().contains(REFUSED))
                            .mapToInt(Map.Entry::getValue).sum();
                    long outOfMemory = Files.readAllLines(server.log()).stream()
                            .filter(line -> line.contains("OutOfMemoryError")).count();
                    AdmissionResult result = new AdmissionResult(spec.name(), spec.command(), open.requested(),
                            open.opened(), refused, open.failed() - refused, open, window, used, answers,
                            server.alive(), outOfMemory, server.exitDescription());
                    Progress.say("S7 %s: %d streams asked, %d admitted, %d refused with 503, %d failed %s; admitted p99 "
                                    + "%.1f ms; %s answered %d of %d (slowest %.0f ms); alive %s, OutOfMemoryError lines %d",
                            spec.name(), result.requested(), result.admitted(), result.refused(), result.failed(),
                            open.failures(), window.latency().p99Ms(), answers.path(), answers.ok(), answers.requests(),
                            answers.slowestMs(), result.alive(), outOfMemory);
                    return result;
                }
            });
        } catch (IOException | RuntimeException e) {
            Progress.say("S7 %s stopped: %s", spec.name(), Progress.describe(e));
            return new AdmissionResult(spec.name(), spec.command(), plan.admissionStreams(), 0, 0, 0, null, null, null,
                    null, null, null, Progress.describe(e));
        }
    }
}
