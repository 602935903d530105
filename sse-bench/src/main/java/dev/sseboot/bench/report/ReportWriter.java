package dev.sseboot.bench.report;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.StreamTotals;
import dev.sseboot.bench.load.WindowResult;
import dev.sseboot.bench.result.AdmissionResult;
import dev.sseboot.bench.result.BenchPlan;
import dev.sseboot.bench.result.FanoutResult;
import dev.sseboot.bench.result.FanoutStep;
import dev.sseboot.bench.result.FixedLoadResult;
import dev.sseboot.bench.result.JvmInfo;
import dev.sseboot.bench.result.MemoryPoint;
import dev.sseboot.bench.result.MemoryResult;
import dev.sseboot.bench.result.RedisRoutingResult;
import dev.sseboot.bench.result.RunInfo;
import dev.sseboot.bench.result.ServerCpu;
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
        section("Targets of the starter on each web server");
        out.append(TransportTargets.table(results)).append('\n');
        out.append("Where a target is not met, [PROFILES.md](PROFILES.md) shows where the time or the memory goes, "
                + "from profiles of this code on this machine, with the commands that took them.\n\n");
        fanout();
        latency();
        memory();
        isolation();
        connect();
        fixedLoad();
        admission();
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
                .row("streams", plan.streams() + " per server in S1, S2, S4, S5, S6; S3 at " + plan.memoryStreams()
                        + "; S7 asks for " + plan.admissionStreams())
                .row("JIT warm-up", "every rate of S1 and S6 runs on a fresh JVM that serves it for "
                        + plan.warmupSeconds() + " s after its streams opened before the window; S2 and S4 follow a "
                        + "connect storm and " + plan.warmupSeconds() + " s at " + plan.latencyRate() + " event/s")
                .row("server CPU", "user + system time of the whole server process (`/proc/<pid>/stat`) over each "
                        + "window, as a share of one core; per 100,000 deliveries it is that time divided by the events "
                        + "delivered"));
        out.append("\nServers (`{port}` and `{rate}` are filled in per run; the bench classpath is shortened). "
                + "The collector and heap are what each JVM reports (`jcmd <pid> VM.flags`): run.sh names the serial "
                + "collector for every server, which a JVM pinned to one CPU picks by itself anyway, and turns on "
                + "Native Memory Tracking (`summary`) for S3.\n\n");
        Table servers = new Table("server", "what", "GC", "heap", "command");
        for (RunInfo.ServerInfo server : run.servers()) {
            servers.row("`" + server.name() + "`", server.description(), collector(server.name()), heap(server.name()),
                    "`" + shortCommand(server.command()) + "`");
        }
        if (run.admission() != null) {
            RunInfo.ServerInfo admission = run.admission();
            servers.row("`" + admission.name() + "` (S7 only)", admission.description(), collector(admission.name()),
                    heap(admission.name()), "`" + shortCommand(admission.command()) + "`");
        }
        out.append(servers).append('\n');
    }

    private String collector(String server) {
        return results.jvm(server).map(JvmInfo::collector).orElse(Format.NONE);
    }

    private String heap(String server) {
        return results.jvm(server).map(JvmInfo::maxHeapBytes).map(Format::mib).orElse(Format.NONE);
    }

    private void fanout() {
        section("S1 fan-out: " + plan.streams() + " streams on one channel");
        out.append("The highest publish rate at which at least ").append(Format.percent(plan.minOnTimeRatio()))
                .append(" of the events every stream should get arrive within ").append(plan.onTimeSeconds())
                .append(" s of publication (a missing event counts as late) and the server publishes at least ")
                .append(Math.round(plan.minPublishShare() * 100)).append(" % of the rate. Each rate runs on a fresh")
                .append(" server process: the ladder ").append(plan.fanoutRates()).append(" goes up until a rate fails, then ")
                .append(plan.fanoutRefinements()).append(" rates in between narrow it down. Window ")
                .append(plan.fanoutWindowSeconds()).append(" s after ").append(plan.warmupSeconds())
                .append(" s of warm-up. The rates of S6 count as tried here (the same run serves both).\n\n");
        Table summary = new Table("server", "highest rate passed", "events/s delivered there", "× " + run.baseline(),
                "× " + run.ceiling(), "notes");
        Table steps = new Table("server", "rate", "result", "on time", "p99", "max", "published/s", "gaps", "duplicates",
                "server CPU", "CPU per 100k deliveries", "generator CPU");
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
                        window.duplicates(), Format.cpu(step.cpu()), Format.cpuMillis(Results.cpuPerDeliveries(step)),
                        cpu(window));
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
                "server CPU", "CPU per 100k deliveries", "generator CPU");
        for (String server : results.servers()) {
            results.streams(server).filter(result -> result.latency() != null).ifPresent(result -> {
                WindowResult window = result.latency();
                table.row(server, Format.ms(window.latency().p50Ms()),
                        Format.ms(window.latency().p90Ms()), Format.ms(window.latency().p99Ms()),
                        Format.ms(window.latency().p999Ms()), Format.ms(window.latency().maxMs()),
                        Format.percent(window.onTimeRatio()), Format.number(window.publishRate()),
                        Format.number(window.eventsPerSecond()), window.gaps(), window.duplicates(),
                        Format.ratio(results.latencyP99(server), results.latencyP99(run.baseline())),
                        Format.ratio(results.latencyP99(server), results.latencyP99(run.ceiling())),
                        Format.cpu(result.latencyCpu()), Format.cpuMillis(cpuPerDeliveries(result.latencyCpu(), window)),
                        cpu(window));
            });
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        chart(Charts.LATENCY);
        errors(server -> results.streams(server).map(StreamsResult::error).orElse(null), "S2/S4/S5");
    }

    private void memory() {
        section("S3 memory: idle streams");
        out.append("Resident set (`/proc/<pid>/status` VmRSS), live heap (`jcmd <pid> GC.class_histogram`, which ")
                .append("runs a full GC and counts reachable objects only) and native memory (`jcmd <pid> ")
                .append("VM.native_memory summary`: what the JVM committed outside its heap, thread stacks, metaspace, ")
                .append("code, GC structures, and \"Other\": direct buffers and other `Unsafe` allocations) with ")
                .append(plan.memoryStreams()).append(" streams open on one server process publishing ")
                .append(plan.memoryRate()).append(" event/s. Per stream: growth over the 0-stream point divided by ")
                .append("the streams. Server CPU: over the ").append(plan.memorySettleSeconds())
                .append(" s the streams sat idle before each reading (heartbeats, disconnect probes and the events).\n\n");
        Table table = new Table("server", "streams", "RSS", "live heap", "native", "of which Other", "RSS per stream",
                "heap per stream", "native per stream", "heap per stream × " + run.baseline(), "server CPU");
        for (String server : results.servers()) {
            List<MemoryPoint> points = results.memory(server).map(MemoryResult::points).orElse(List.of());
            MemoryPoint idle = points.isEmpty() ? null : points.get(0);
            for (MemoryPoint point : points) {
                boolean growth = idle != null && idle.streams() == 0 && point.streams() > 0;
                table.row(server, point.streams(), Format.mib(point.rssBytes()),
                        point.heapBytes() == null ? Format.NONE : Format.mib(point.heapBytes()),
                        point.nativeBytes() == null ? Format.NONE : Format.mib(point.nativeBytes()),
                        point.otherNativeBytes() == null ? Format.NONE : Format.mib(point.otherNativeBytes()),
                        growth ? Format.kib((point.rssBytes() - idle.rssBytes()) / (double) point.streams()) : "",
                        growth ? perStream(point.heapBytes(), idle.heapBytes(), point.streams()) : "",
                        growth ? perStream(point.nativeBytes(), idle.nativeBytes(), point.streams()) : "",
                        point == points.get(points.size() - 1)
                                ? Format.ratio(results.heapPerStream(server), results.heapPerStream(run.baseline())) : "",
                        Format.cpu(point.cpu()));
            }
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        chart(Charts.MEMORY);
        chart(Charts.PER_STREAM);
        classes();
        errors(server -> results.memory(server).map(MemoryResult::error).orElse(null), "S3");
    }

    private static String perStream(Long bytes, Long idleBytes, int streams) {
        return bytes == null || idleBytes == null ? Format.NONE : Format.kib((bytes - idleBytes) / (double) streams);
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
                "stalled streams closed by the server", "stalled streams' gaps", "server CPU");
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
                    stalled == null ? Format.NONE : closedCount(stalled), stalled == null ? Format.NONE : stalled.gaps(),
                    Format.cpu(result.get().isolatedCpu()));
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
                .append(" s timeout each); a stream counts as open when its response head has arrived. Server CPU: ")
                .append("CPU seconds from the first connect until every stream opened or failed.\n\n");
        Table table = new Table("server", "opened", "failed", "time until all open", "connect p50", "connect p99",
                "connect max", "time × " + run.baseline(), "time × " + run.ceiling(), "server CPU", "CPU per stream");
        for (String server : results.servers()) {
            results.streams(server).filter(result -> result.connect() != null).ifPresent(result -> {
                OpenResult connect = result.connect();
                ServerCpu cpu = result.connectCpu();
                table.row(server, connect.opened(),
                        connect.failed() + (connect.failures().isEmpty() ? "" : " " + connect.failures()),
                        Format.seconds(connect.seconds()), Format.ms(connect.connectTime().p50Ms()),
                        Format.ms(connect.connectTime().p99Ms()), Format.ms(connect.connectTime().maxMs()),
                        Format.ratio(results.connectSeconds(server), results.connectSeconds(run.baseline())),
                        Format.ratio(results.connectSeconds(server), results.connectSeconds(run.ceiling())),
                        cpu == null ? Format.NONE : Format.seconds(cpu.cpuSeconds()),
                        cpu == null || connect.opened() == 0 ? Format.NONE
                                : Format.ms(cpu.cpuSeconds() * 1000 / connect.opened()));
            });
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        chart(Charts.CONNECT);
    }

    private void fixedLoad() {
        section("S6 fixed load: " + plan.streams() + " streams at " + plan.fixedRates() + " events/s");
        out.append("Every server at the same rates, whatever it manages at each, so CPU per delivery and latency compare ")
                .append("at equal load (S1 compares the highest rates instead). Each rate runs on a fresh server process: ")
                .append("its streams open, it serves the rate for ").append(plan.warmupSeconds())
                .append(" s (JIT warm-up), then a ").append(plan.fanoutWindowSeconds())
                .append(" s window measures delivery and the server's CPU. The last column is the server's highest ")
                .append("S1 rate, for comparison.\n\n");
        Table table = new Table("server", "rate", "events/s delivered", "on time", "p99", "p99.9", "gaps", "server CPU",
                "CPU per 100k deliveries", "streams failed to open", "S1 highest rate passed");
        for (String server : results.servers()) {
            Optional<FixedLoadResult> result = results.fixed(server);
            if (result.isEmpty()) {
                continue;
            }
            Double best = results.maxRate(server);
            for (FanoutStep step : result.get().steps()) {
                WindowResult window = step.window();
                table.row(server, step.rate() + "/s", Format.number(window.eventsPerSecond()),
                        Format.percent(window.onTimeRatio()), Format.ms(window.latency().p99Ms()),
                        Format.ms(window.latency().p999Ms()), window.gaps(), Format.cpu(step.cpu()),
                        Format.cpuMillis(Results.cpuPerDeliveries(step)), step.open().failed(),
                        best == null ? (results.fanout(server).isPresent() ? "none" : Format.NONE)
                                : Format.number(best) + "/s");
            }
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        chart(Charts.FIXED_CPU);
        errors(server -> results.fixed(server).map(FixedLoadResult::error).orElse(null), "S6");
    }

    private void admission() {
        section("S7 admission: more streams than a small heap holds");
        out.append("The subject started with a small heap (its command is in the servers table) is asked for ")
                .append(plan.admissionStreams()).append(" streams at ").append(Format.number(plan.rampPerSecond()))
                .append(" connects/s while it publishes ").append(plan.latencyRate()).append(" event/s. An ordinary ")
                .append("endpoint of the application is asked every half second throughout (2 s time-out). Then a ")
                .append(plan.latencyWindowSeconds()).append(" s window measures the admitted streams.\n\n");
        Table table = new Table("server", "asked", "admitted (200)", "refused (503)", "failed", "admitted p99",
                "admitted on time", "endpoint answered", "endpoint slowest", "alive at the end",
                "OutOfMemoryError lines", "server CPU");
        for (AdmissionResult result : results.admission()) {
            WindowResult window = result.admittedLatency();
            AdmissionResult.EndpointAnswers endpoint = result.endpoint();
            table.row(result.server(), result.requested(), result.admitted(), result.refused(),
                    result.failed() + (result.open() == null ? "" : failuresBesides503(result)),
                    window == null ? Format.NONE : Format.ms(window.latency().p99Ms()),
                    window == null ? Format.NONE : Format.percent(window.onTimeRatio()),
                    endpoint == null ? Format.NONE : "`" + endpoint.path() + "` " + endpoint.ok() + " of "
                            + endpoint.requests(),
                    endpoint == null ? Format.NONE : Format.ms(endpoint.slowestMs()),
                    result.alive() == null ? Format.NONE : result.alive() ? "yes" : "no",
                    result.outOfMemoryErrors() == null ? Format.NONE : result.outOfMemoryErrors(),
                    Format.cpu(result.cpu()));
        }
        out.append(table.isEmpty() ? NOT_RUN : table + "\n");
        for (AdmissionResult result : results.admission()) {
            if (result.error() != null) {
                out.append("- S7 `").append(result.server()).append("` stopped early: ").append(result.error()).append('\n');
            }
        }
        out.append('\n');
    }

    private static String failuresBesides503(AdmissionResult result) {
        Map<String, Integer> others = result.open().failures().entrySet().stream()
                .filter(failure -> !failure.getKey().contains("HTTP 503"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return others.isEmpty() ? "" : " " + others;
    }

    private static Double cpuPerDeliveries(ServerCpu cpu, WindowResult window) {
        return cpu == null ? null : cpu.millisPerHundredThousand(window.eventsPerSecond());
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
                - Server CPU counts every thread of the server process, the kernel's work for its socket writes \
                included (on loopback that is the receiving side's TCP work too), not the generator's. It is a \
                share of one core; a server pinned to one CPU cannot pass 100 %.
                - The Go libraries the design names beside these servers (go-sse, antage/eventsource) are not \
                measured: this machine reaches no Go module proxy, so they cannot be built here.
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
