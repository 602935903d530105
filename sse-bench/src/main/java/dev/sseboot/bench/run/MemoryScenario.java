package dev.sseboot.bench.run;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.MemoryPoint;
import dev.sseboot.bench.result.MemoryResult;
import dev.sseboot.bench.result.ServerCpu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * S3: the server's resident set, live heap, native memory and CPU with 0 and then more and more
 * idle streams, on one server process publishing at a low rate. Per-stream figures are the growth
 * over the 0-stream point divided by the streams.
 */
final class MemoryScenario {

    private final ServerRuns runs;
    private final BenchPlan plan;

    MemoryScenario(ServerRuns runs) {
        this.runs = runs;
        this.plan = runs.plan();
    }

    MemoryResult run(ServerSpec spec) throws InterruptedException {
        List<MemoryPoint> points = new ArrayList<>();
        try {
            String exit = runs.run(spec, plan.memoryRate(), "s3", (server, generator) -> {
                int open = 0;
                for (int streams : plan.memoryStreams()) {
                    OpenResult opened = generator.open(streams - open, plan.rampPerSecond(), 0,
                            BenchPlan.seconds(plan.connectTimeoutSeconds()));
                    if (opened.failed() > 0) {
                        return opened.failed() + " streams failed to open on the way to " + streams + ": "
                                + opened.failures() + (server.alive() ? "" : "; " + server.exitDescription());
                    }
                    open = streams;
                    ProcessCpu.Stopwatch cpu = ProcessCpu.start(server.pid());
                    Thread.sleep(BenchPlan.seconds(plan.memorySettleSeconds()).toMillis());
                    ServerCpu idleCpu = cpu.stop();
                    ProcessMemory.LiveHeap heap = ProcessMemory.liveHeap(server.pid());
                    long rss = ProcessMemory.rssBytes(server.pid());
                    ProcessMemory.NativeMemory nativeMemory = ProcessMemory.nativeMemory(server.pid());
                    points.add(new MemoryPoint(streams, rss, heap == null ? null : heap.bytes(),
                            heap == null ? List.of() : heap.topClasses(),
                            nativeMemory == null ? null : nativeMemory.outsideHeapBytes(),
                            nativeMemory == null ? null : nativeMemory.otherBytes(), idleCpu));
                    Progress.say("S3 %s %d idle streams: RSS %.1f MiB, live heap %s, native %s, server CPU %s",
                            spec.name(), streams, rss / 1048576.0, mib(heap == null ? null : heap.bytes()),
                            mib(nativeMemory == null ? null : nativeMemory.outsideHeapBytes()), Progress.cpu(idleCpu));
                }
                return server.exitDescription();
            });
            return new MemoryResult(spec.name(), plan.memoryRate(), points, exit);
        } catch (IOException | RuntimeException e) {
            Progress.say("S3 %s stopped: %s", spec.name(), Progress.describe(e));
            return new MemoryResult(spec.name(), plan.memoryRate(), points, Progress.describe(e));
        }
    }

    private static String mib(Long bytes) {
        return bytes == null ? "n/a" : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
