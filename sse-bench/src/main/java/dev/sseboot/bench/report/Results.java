package dev.sseboot.bench.report;

import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.FanoutResult;
import dev.sseboot.bench.result.MemoryPoint;
import dev.sseboot.bench.result.MemoryResult;
import dev.sseboot.bench.result.RedisRoutingResult;
import dev.sseboot.bench.result.ResultsStore;
import dev.sseboot.bench.result.RunInfo;
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
    private final Optional<RedisRoutingResult> redisRouting;

    private Results(RunInfo run, List<FanoutResult> fanout, List<MemoryResult> memory, List<StreamsResult> streams,
            Optional<RedisRoutingResult> redisRouting) {
        this.run = run;
        this.redisRouting = redisRouting;
        this.fanout = byServer(fanout, FanoutResult::server);
        this.memory = byServer(memory, MemoryResult::server);
        this.streams = byServer(streams, StreamsResult::server);
    }

    static Results load(ResultsStore store) throws IOException {
        return new Results(store.run(), store.fanout(), store.memory(), store.streams(), store.redisRouting());
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
