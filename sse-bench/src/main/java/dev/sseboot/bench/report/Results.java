package dev.sseboot.bench.report;

import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.AdmissionResult;
import dev.sseboot.bench.result.FanoutResult;
import dev.sseboot.bench.result.FanoutStep;
import dev.sseboot.bench.result.FixedLoadResult;
import dev.sseboot.bench.result.JvmInfo;
import dev.sseboot.bench.result.MemoryPoint;
import dev.sseboot.bench.result.MemoryResult;
import dev.sseboot.bench.result.RedisRoutingResult;
import dev.sseboot.bench.result.ResultsStore;
import dev.sseboot.bench.result.RunInfo;
import dev.sseboot.bench.result.ServerCpu;
import dev.sseboot.bench.result.StreamsResult;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything one run produced, looked up by server name, with the figures the report compares:
 * each returns {@code null} when the scenario did not produce it for that server.
 */
final class Results {

    private final RunInfo run;
    private final Map<String, FanoutResult> fanout;
    private final Map<String, MemoryResult> memory;
    private final Map<String, StreamsResult> streams;
    private final Map<String, FixedLoadResult> fixed;
    private final List<AdmissionResult> admission;
    private final Map<String, JvmInfo> jvms;
    private final Optional<RedisRoutingResult> redisRouting;

    private Results(RunInfo run, List<FanoutResult> fanout, List<MemoryResult> memory, List<StreamsResult> streams,
            List<FixedLoadResult> fixed, List<AdmissionResult> admission, List<JvmInfo> jvms,
            Optional<RedisRoutingResult> redisRouting) {
        this.run = run;
        this.redisRouting = redisRouting;
        this.fanout = byServer(fanout, FanoutResult::server);
        this.memory = byServer(memory, MemoryResult::server);
        this.streams = byServer(streams, StreamsResult::server);
        this.fixed = byServer(fixed, FixedLoadResult::server);
        this.admission = admission;
        this.jvms = byServer(jvms, JvmInfo::server);
    }

    static Results load(ResultsStore store) throws IOException {
        return new Results(store.run(), store.fanout(), store.memory(), store.streams(), store.fixed(),
                store.admission(), store.jvms(), store.redisRouting());
    }

    Optional<RedisRoutingResult> redisRouting() {
        return redisRouting;
    }

    RunInfo run() {
        return run;
    }

    List<String> servers() {
        return run.servers().stream().map(RunInfo.ServerInfo::name).toList();
    }

    Optional<FanoutResult> fanout(String server) {
        return Optional.ofNullable(fanout.get(server));
    }

    Optional<MemoryResult> memory(String server) {
        return Optional.ofNullable(memory.get(server));
    }

    Optional<StreamsResult> streams(String server) {
        return Optional.ofNullable(streams.get(server));
    }

    Optional<FixedLoadResult> fixed(String server) {
        return Optional.ofNullable(fixed.get(server));
    }

    /** S6's run of the server at this rate. */
    Optional<FanoutStep> fixedStep(String server, int rate) {
        return fixed(server).flatMap(result -> result.steps().stream().filter(step -> step.rate() == rate).findFirst());
    }

    /** The server's CPU, as a share of one core, at S6's rate. */
    Double fixedCpu(String server, int rate) {
        return fixedStep(server, rate).map(FanoutStep::cpu).map(ServerCpu::share).orElse(null);
    }

    /** The server's CPU milliseconds per 100,000 events delivered at S6's rate. */
    Double fixedCpuPerDeliveries(String server, int rate) {
        return fixedStep(server, rate).map(Results::cpuPerDeliveries).orElse(null);
    }

    /** CPU milliseconds per 100,000 events delivered in a step's window, or {@code null}. */
    static Double cpuPerDeliveries(FanoutStep step) {
        return step.cpu() == null ? null : step.cpu().millisPerHundredThousand(step.window().eventsPerSecond());
    }

    List<AdmissionResult> admission() {
        return admission;
    }

    Optional<JvmInfo> jvm(String server) {
        return Optional.ofNullable(jvms.get(server));
    }

    Double maxRate(String server) {
        return fanout(server).map(FanoutResult::maxRate).map(Integer::doubleValue).orElse(null);
    }

    Optional<WindowResult> latency(String server) {
        return streams(server).map(StreamsResult::latency);
    }

    Optional<WindowResult> isolated(String server) {
        return streams(server).map(StreamsResult::isolated);
    }

    Double latencyP99(String server) {
        return latency(server).map(window -> window.latency().p99Ms()).orElse(null);
    }

    Double isolatedP99(String server) {
        return isolated(server).map(window -> window.latency().p99Ms()).orElse(null);
    }

    Double connectSeconds(String server) {
        return streams(server).map(StreamsResult::connect).filter(open -> open.failed() == 0)
                .map(open -> open.seconds()).orElse(null);
    }

    /** Growth of the live heap over the 0-stream point, per stream, at the largest stream count. */
    Double heapPerStream(String server) {
        return perStream(server, point -> point.heapBytes() == null ? null : point.heapBytes().doubleValue());
    }

    /** Growth of the resident set over the 0-stream point, per stream, at the largest stream count. */
    Double rssPerStream(String server) {
        return perStream(server, point -> (double) point.rssBytes());
    }

    /** Growth of what the JVM committed outside its heap over the 0-stream point, per stream, at the largest stream count. */
    Double nativePerStream(String server) {
        return perStream(server, point -> point.nativeBytes() == null ? null : point.nativeBytes().doubleValue());
    }

    private Double perStream(String server, Function<MemoryPoint, Double> measure) {
        List<MemoryPoint> points = memory(server).map(MemoryResult::points).orElse(List.of());
        if (points.size() < 2 || points.get(0).streams() != 0) {
            return null;
        }
        MemoryPoint idle = points.get(0);
        MemoryPoint largest = points.get(points.size() - 1);
        Double base = measure.apply(idle);
        Double top = measure.apply(largest);
        return base == null || top == null ? null : (top - base) / largest.streams();
    }

    private static <T> Map<String, T> byServer(List<T> results, Function<T, String> server) {
        return results.stream().collect(Collectors.toMap(server, Function.identity(), (first, second) -> second));
    }
}
