package dev.sseboot.bench.report;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.StreamTotals;
import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.FanoutResult;
import dev.sseboot.bench.result.FanoutStep;
import dev.sseboot.bench.result.MemoryPoint;
import dev.sseboot.bench.result.MemoryResult;
import dev.sseboot.bench.result.RedisRoutingResult;
import dev.sseboot.bench.result.RunInfo;
import dev.sseboot.bench.result.StreamsResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Writes REPORT.md: the run's setup, the targets, then one section per scenario with every server side by side. */
final class ReportWriter {

    /** A generator loop busier than this may have been the limit rather than the server. */
    private static final double GENERATOR_BUSY = 0.9;
    private static final int CLASSES_SHOWN = 6;
    private static final String NOT_RUN = "_Not run._\n\n";

    private final Results results;
    private final RunInfo run;
    private final BenchPlan plan;
    private final List<String> charts;
    private final String chartDirectory;
    private final StringBuilder out = new StringBuilder();

    private ReportWriter(Results results, List<String> charts, String chartDirectory) {
        this.results = results;
        this.run = results.run();
        this.plan = run.plan();
        this.charts = charts;
        this.chartDirectory = chartDirectory;
    }

    /** @param chartDirectory where the charts are, relative to the report */
    static String write(Results results, List<String> charts, String chartDirectory) {
        return new ReportWriter(results, charts, chartDirectory).render();
    }

    private String render() {
        header();
        section("Targets for `" + run.subject() + "`");
        out.append(Targets.table(results)).append('\n');
        fanout();
        latency();
        memory();
        isolation();
        connect();
        redisRouting();
        notes();
        return out.toString();
    }

    private void header() {
        out.append("# sse-bench report\n\n");
        if (!"full".equals(plan.mode())) {
            out.append("> **").append(plan.mode()).append(" mode**: ").append(plan.streams())
                    .append(" streams and short windows, to check the pipeline. Not for comparing with the targets.\n\n");
        }
        out.append(new Table("", "")
                .row("date", run.date())
                .row("command", "`" + run.command() + "`")
                .row("machine", run.machine())
                .row("JDK", run.jdk())
                .row("OS", run.os())
                .row("pinning", "each server alone on CPU " + run.serverCpu() + ", load generator and runner on CPU "
                        + run.generatorCpu() + " (`taskset`)")
                .row("streams", plan.streams() + " per server in S1, S2, S4, S5; S3 at " + plan.memoryStreams()));
        out.append("\nServers (`{port}` and `{rate}` are filled in per run; the bench classpath is shortened):\n\n");
        Table servers = new Table("server", "what", "command");
        for (RunInfo.ServerInfo server : run.servers()) {
            servers.row("`" + server.name() + "`", server.description(), "`" + shortCommand(server.command()) + "`");
        }
        out.append(servers).append('\n');
    }

    private void fanout() {
        section("S1 fan-out: " + plan.streams() + " streams on one channel");
        out.append("The highest publish rate at which at least ").append(Format.percent(plan.minOnTimeRatio()))
                .append(" of the events every stream should get arrive within ").append(plan.onTimeSeconds())
                .append(" s of publication (a missing event counts as late) and the server publishes at least ")
                .append(Math.round(plan.minPublishShare() * 100)).append(" % of the rate. Each rate runs on a fresh")
                .append(" server process: the ladder ").append(plan.fanoutRates()).append(" goes up until a rate fails, then ")
                .append(plan.fanoutRefinements()).append(" rates in between narrow it down. Window ")
                .append(plan.fanoutWindowSeconds()).append(" s after ").append(plan.warmupSeconds()).append(" s of warm-up.\n\n");
        Table summary = new Table("server", "highest rate passed", "events/s delivered there", "× " + run.baseline(),
                "× " + run.ceiling(), "notes");
        Table steps = new Table("server", "rate", "result", "on time", "p99", "max", "published/s", "gaps", "duplicates",
                "generator CPU");
        for (String server : results.servers()) {
            Optional<FanoutResult> result = results.fanout(server);
            if (result.isEmpty()) {
                continue;
            }
            Double rate = results.maxRate(server);
            String delivered = result.get().steps().stream()
                    .filter(step -> step.passed() && rate != null && step.rate() == rate.intValue()).findFirst()
                    .map(step -> Format.number(step.window().eventsPerSecond())).orElse(Format.NONE);
            summary.row(server, rate == null ? "none" : Format.number(rate) + "/s" + (result.get().topReached() ? " (top of ladder)" : ""),
                    delivered, Format.ratio(rate, results.maxRate(run.baseline())),
                    Format.ratio(rate, results.maxRate(run.ceiling())), fanoutNotes(result.get()));
            for (FanoutStep step : result.get().steps()) {
                WindowResult window = step.window();
                steps.row(server, step.rate() + "/s", step.passed() ? "pass" : "fail: " + step.failure(),
                        Format.percent(window.onTimeRatio()), Format.ms(window.latency().p99Ms()),
                        Format.ms(window.latency().maxMs()), Format.number(window.publishRate()), window.gaps(),
                        window.duplicates(), cpu(window));
            }
        }
        if (summary.isEmpty()) {
            out.append(NOT_RUN);
            return;
        }
        out.append(summary).append('\n');
        chart(Charts.FANOUT);
        out.append("Every rate tried:\n\n").append(steps).append('\n');
    }

    private String fanoutNotes(FanoutResult result) {
        String busy = result.steps().stream().filter(step -> step.window().generatorCpu() > GENERATOR_BUSY)
                .map(step -> step.rate() + "/s").collect(Collectors.joining(", "));
        String notes = busy.isEmpty() ? "" : "generator loop above " + Math.round(GENERATOR_BUSY * 100) + " % CPU at " + busy;
        return result.error() == null ? notes : (notes.isEmpty() ? "" : notes + "; ") + "stopped: " + result.error();
    }

    private void latency() {
        section("S2 latency: " + plan.streams() + " streams at " + plan.latencyRate() + " events/s");
        out.append("Publication to arrival, over the events published in a ").append(plan.latencyWindowSeconds())
                .append(" s window (late ones are waited for ").append(plan.graceSeconds()).append(" s), after a ")
                .append("connect storm (S5) and ").append(plan.warmupSeconds()).append(" s of warm-up.\n\n");
        Table table = new Table("server", "p50", "p90", "p99", "p99.9", "max", "on time", "published/s",
                "events/s received", "gaps", "duplicates", "p99 × " + run.baseline(), "p99 × " + run.ceiling(),
                "generator CPU");
        for (String server : results.servers()) {
            results.latency(server).ifPresent(window -> table.row(server, Format.ms(window.latency().p50Ms()),
                    Format.ms(window.latency().p90Ms()), Format.ms(window.latency().p99Ms()),
                    Format.ms(window.latency().p999Ms()), Format.ms(window.latency().maxMs()),
                    Format.percent(window.onTimeRatio()), Format.number(window.publishRate()),
                    Format.number(window.eventsPerSecond()), window.gaps(), window.duplicates(),
                    Format.ratio(results.latencyP99(server), results.latencyP99(run.baseline())),
                    Format.ratio(results.latencyP99(server), results.latencyP99(run.ceiling())), cpu(window)));
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        chart(Charts.LATENCY);
        errors(server -> results.streams(server).map(StreamsResult::error).orElse(null), "S2/S4/S5");
    }

    private void memory() {
        section("S3 memory: idle streams");
        out.append("Resident set (`/proc/<pid>/status` VmRSS) and live heap (`jcmd <pid> GC.class_histogram`, which ")
                .append("runs a full GC and counts reachable objects only) with ").append(plan.memoryStreams())
                .append(" streams open on one server process publishing ").append(plan.memoryRate())
                .append(" event/s. Native: what the JVM committed outside its heap (`jcmd <pid> VM.native_memory summary`; ")
                .append("servers run with `-XX:NativeMemoryTracking=summary`), of which direct: its \"Other\" category, ")
                .append("where direct byte buffers are counted. Per stream: growth over the 0-stream point divided by ")
                .append("the streams.\n\n");
        Table table = new Table("server", "streams", "RSS", "live heap", "RSS per stream", "heap per stream",
                "native per stream", "direct per stream", "heap per stream × " + run.baseline());
        for (String server : results.servers()) {
            List<MemoryPoint> points = results.memory(server).map(MemoryResult::points).orElse(List.of());
            MemoryPoint idle = points.isEmpty() ? null : points.get(0);
            for (MemoryPoint point : points) {
                boolean growth = idle != null && idle.streams() == 0 && point.streams() > 0;
                table.row(server, point.streams(), Format.mib(point.rssBytes()),
                        point.heapBytes() == null ? Format.NONE : Format.mib(point.heapBytes()),
                        growth ? Format.kib((point.rssBytes() - idle.rssBytes()) / (double) point.streams()) : "",
                        growth ? perStream(point.heapBytes(), idle.heapBytes(), point.streams()) : "",
                        growth ? perStream(point.nativeBytes(), idle.nativeBytes(), point.streams()) : "",
                        growth ? perStream(point.directBytes(), idle.directBytes(), point.streams()) : "",
                        point == points.get(points.size() - 1)
                                ? Format.ratio(results.heapPerStream(server), results.heapPerStream(run.baseline())) : "");
            }
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        chart(Charts.MEMORY);
        chart(Charts.PER_STREAM);
        classes();
        errors(server -> results.memory(server).map(MemoryResult::error).orElse(null), "S3");
    }

    /** Growth over the 0-stream point per stream, or nothing when either point lacks the measure. */
    private static String perStream(Long bytes, Long idleBytes, int streams) {
        return bytes == null || idleBytes == null ? "" : Format.kib((bytes - idleBytes) / (double) streams);
    }

    /** Which classes grew between 0 streams and the most streams: where the bytes per stream go. */
    private void classes() {
        Table table = new Table("server", "class", "bytes per stream", "instances per stream");
        for (String server : results.servers()) {
            List<MemoryPoint> points = results.memory(server).map(MemoryResult::points).orElse(List.of());
            if (points.size() < 2 || points.get(0).streams() != 0) {
                continue;
            }
            MemoryPoint largest = points.get(points.size() - 1);
            Map<String, MemoryPoint.ClassUsage> idle = points.get(0).topClasses().stream()
                    .collect(Collectors.toMap(MemoryPoint.ClassUsage::className, Function.identity()));
            largest.topClasses().stream().limit(CLASSES_SHOWN).forEach(usage -> {
                MemoryPoint.ClassUsage before = idle.get(usage.className());
                long bytes = usage.bytes() - (before == null ? 0 : before.bytes());
                long instances = usage.instances() - (before == null ? 0 : before.instances());
                table.row(server, "`" + usage.className() + "`", Format.number(bytes / (double) largest.streams()),
                        String.format(Locale.ROOT, "%.1f", instances / (double) largest.streams()));
            });
        }
        if (!table.isEmpty()) {
            out.append("The largest classes at the most streams, growth over 0 streams per stream (a class absent from ")
                    .append("the 0-stream top list counts from 0):\n\n").append(table).append('\n');
        }
    }

    private void isolation() {
        section("S4 isolation: 1 in " + plan.stallOneIn() + " streams stops reading");
        out.append("On the S2 streams and server process: the stall candidates (opened with a minimal receive buffer) ")
                .append("stop reading but stay connected, ").append(plan.stallSettleSeconds())
                .append(" s pass, then a window measures the streams still reading. \"Without\" is S2. ")
                .append("Afterwards the stalled streams read again, showing what the server did with them.\n\n");
        Table table = new Table("server", "stalled", "healthy p99 without", "healthy p99 with", "with ÷ without",
                "healthy p99.9 with", "healthy on time", "published/s", "healthy gaps", "unread per stalled stream",
                "stalled streams closed by the server", "stalled streams' gaps");
        for (String server : results.servers()) {
            Optional<StreamsResult> result = results.streams(server);
            if (result.isEmpty() || result.get().isolated() == null) {
                continue;
            }
            WindowResult with = result.get().isolated();
            StreamTotals stalled = result.get().stalled();
            table.row(server, result.get().stalledStreams(), Format.ms(results.latencyP99(server)),
                    Format.ms(with.latency().p99Ms()), Format.ratio(results.isolatedP99(server), results.latencyP99(server)),
                    Format.ms(with.latency().p999Ms()), Format.percent(with.onTimeRatio()),
                    Format.number(with.publishRate()), with.gaps(),
                    result.get().unreadBytesPerStalledStream() == null ? Format.NONE
                            : Format.kib(result.get().unreadBytesPerStalledStream()),
                    stalled == null ? Format.NONE : closedCount(stalled), stalled == null ? Format.NONE : stalled.gaps());
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        out.append("A fresh loopback socket on this machine gets a ").append(Format.kib(run.loopbackSendBuffer()))
                .append(" send buffer: a stalled stream pushes back on the server only after about that much is left ")
                .append("unread (plus its own small receive buffer). ");
        List<String> pushedBack = results.servers().stream().filter(server -> Targets.backPressure(results, server)).toList();
        out.append(pushedBack.isEmpty()
                ? "No server got that far here, so S4 shows what stalled sockets cost before any write blocks, not how a "
                        + "server copes with a blocked write; a longer stall or a higher rate would get there.\n\n"
                : "Back-pressure reached " + pushedBack + ".\n\n");
        chart(Charts.ISOLATION);
    }

    private void connect() {
        section("S5 connect storm: " + plan.streams() + " streams at once");
        out.append("Every connect is started at once (").append(plan.connectTimeoutSeconds())
                .append(" s timeout each); a stream counts as open when its response head has arrived.\n\n");
        Table table = new Table("server", "opened", "failed", "time until all open", "connect p50", "connect p99",
                "connect max", "time × " + run.baseline(), "time × " + run.ceiling());
        for (String server : results.servers()) {
            Optional<OpenResult> open = results.streams(server).map(StreamsResult::connect);
            open.ifPresent(connect -> table.row(server, connect.opened(),
                    connect.failed() + (connect.failures().isEmpty() ? "" : " " + connect.failures()),
                    Format.seconds(connect.seconds()), Format.ms(connect.connectTime().p50Ms()),
                    Format.ms(connect.connectTime().p99Ms()), Format.ms(connect.connectTime().maxMs()),
                    Format.ratio(results.connectSeconds(server), results.connectSeconds(run.baseline())),
                    Format.ratio(results.connectSeconds(server), results.connectSeconds(run.ceiling()))));
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        chart(Charts.CONNECT);
    }

    private void notes() {
        section("How to read this");
        out.append("""
                - Latency is the receive time (wall clock, read once per socket read) minus the publish time in the \
                event's data; both ends read the same clock. Events are recorded by publication time, so a server \
                that falls behind shows late and missing events instead of a quiet window.
                - Gaps and duplicates are checked per stream by sequence number. S4's stalled streams are left out of \
                the healthy figures; what happened to them is in the last two S4 columns.
                - S4 runs on the same server process right after S2, so its JVM is warmer: a ratio below 1 is \
                mostly that, and only a ratio well above 1 says something about the stalled streams.
                - \"generator CPU\" is the load generator loop's share of its core. Near 100 % the generator, not \
                the server, may be what limits a result; S1 notes the rates where that happened.
                - The ceiling skips a stream's event when its socket would block (one write per socket per event, \
                never waiting); the skipped events show up as that stream's gaps.
                """);
    }

    private void errors(Function<String, String> error, String scenario) {
        for (String server : results.servers()) {
            String message = error.apply(server);
            if (message != null) {
                out.append("- ").append(scenario).append(" `").append(server).append("` stopped early: ")
                        .append(message).append('\n');
            }
        }
        out.append('\n');
    }

    private void redisRouting() {
        section("Redis routing: bytes each broker instance receives");
        Optional<RedisRoutingResult> measured = results.redisRouting();
        if (measured.isEmpty()) {
            out.append(NOT_RUN);
            return;
        }
        RedisRoutingResult result = measured.get();
        out.append(result.instances()).append(" `RedisSseBroker` instances on Redis ").append(result.redisVersion())
                .append(", ").append(Format.number(result.channels())).append(" channels each served by exactly one")
                .append(" instance, ").append(Format.number(result.targetRate())).append(" events/s of ")
                .append(result.dataBytes()).append(" bytes of data over all channels, ")
                .append(Format.number(result.windowSeconds())).append(" s per routing. Bytes are counted by a TCP")
                .append(" proxy in front of each instance: everything Redis sends it (pub/sub and replies).\n\n");
        Table table = new Table("routing", "how", "published/s", "bytes/s from Redis per instance",
                "events/s delivered per instance");
        for (RedisRoutingResult.Routing routing : result.routings()) {
            table.row("`" + routing.name() + "`", routing.description(), Format.number(routing.publishedPerSecond()),
                    joined(routing.bytesPerSecond()), joined(routing.deliveredPerSecond()));
        }
        out.append(table).append('\n');
    }

    private static String joined(List<Double> values) {
        return values.stream().map(Format::number).collect(Collectors.joining(" / "));
    }

    private void section(String title) {
        out.append("## ").append(title).append("\n\n");
    }

    private void chart(String file) {
        if (charts.contains(file)) {
            out.append("![").append(file).append("](").append(chartDirectory).append('/').append(file).append(")\n\n");
        }
    }

    private static String cpu(WindowResult window) {
        return Math.round(window.generatorCpu() * 100) + " %";
    }

    private static String closedCount(StreamTotals stalled) {
        int closed = stalled.closed().values().stream().mapToInt(Integer::intValue).sum();
        return closed + " of " + stalled.streams();
    }

    /** The bench classpath is long and machine-specific; the report shows where it goes, not what it is. */
    private static String shortCommand(String command) {
        return command.replaceAll("-cp \\S+", "-cp <bench classpath>");
    }
}
