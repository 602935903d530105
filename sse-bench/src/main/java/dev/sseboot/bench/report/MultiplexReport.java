package dev.sseboot.bench.report;

import dev.sseboot.bench.load.MultiplexLoad;
import dev.sseboot.bench.result.MultiplexResult;
import dev.sseboot.bench.result.ResultsStore;
import dev.sseboot.bench.result.StreamsResult;
import dev.sseboot.bench.load.WindowResult;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The report's section on streams of several channels: the multiplexed scenario's deliveries and
 * latency beside S2's single-channel streams of the same server at the same per-stream rate.
 * {@code MultiplexReport --results=DIR} prints it as Markdown, for {@code run.sh} to append to the
 * report; nothing when the scenario did not run.
 */
public final class MultiplexReport {

    private MultiplexReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !args[0].startsWith("--results=")) {
            throw new IllegalArgumentException("usage: MultiplexReport --results=DIR");
        }
        Path results = Path.of(args[0].substring("--results=".length()));
        Path file = results.resolve(MultiplexResult.FILE);
        if (Files.exists(file)) {
            MultiplexResult result = JsonMapper.builder().build().readValue(Files.readString(file), MultiplexResult.class);
            System.out.print(section(result, new ResultsStore(results)));
        }
    }

    static String section(MultiplexResult result, ResultsStore store) throws IOException {
        StringBuilder out = new StringBuilder("\n## Several channels on one stream\n\n");
        out.append(String.format(Locale.ROOT, "%,d streams, each reading %d of %,d channels on one connection "
                        + "(`/events?channel=…`, drawn with a fixed seed), while the server publishes to every channel "
                        + "in turn at %,d events/s over all of them: each stream gets %d event/s, as in S2. The load "
                        + "generator reads each event's channel from its composite id and checks every channel's "
                        + "sequence on every stream. Opening the streams took %s.%s\n\n",
                result.streams(), result.channelsPerStream(), result.channels(), result.publishRate(),
                result.perStreamRate(), Format.seconds(result.openSeconds()),
                result.error() == null ? "" : " Stopped early: " + result.error() + "."));
        Table table = new Table("streams", "server", "delivered/s", "p50", "p99", "gaps", "duplicates",
                "streams closed", "generator CPU");
        MultiplexLoad.Window window = result.window();
        table.row(String.format(Locale.ROOT, "%,d × %d channels", window.openStreams(), result.channelsPerStream()),
                result.server(), Format.number(Math.round(window.deliveredPerSecond())), Format.ms(window.latency().p50Ms()),
                Format.ms(window.latency().p99Ms()), window.gaps(), window.duplicates(), window.closedStreams(),
                Format.percent(window.generatorCpu()));
        for (StreamsResult single : store.streams()) {
            WindowResult latency = single.latency();
            if (single.server().equals(result.server()) && latency != null) {
                table.row(String.format(Locale.ROOT, "%,d × 1 channel (S2)", latency.streams()), single.server(),
                        Format.number(Math.round(latency.eventsPerSecond())), Format.ms(latency.latency().p50Ms()),
                        Format.ms(latency.latency().p99Ms()), latency.gaps(), latency.duplicates(),
                        latency.streamsClosed(), Format.percent(latency.generatorCpu()));
            }
        }
        return out.append(table).append('\n').toString();
    }
}
