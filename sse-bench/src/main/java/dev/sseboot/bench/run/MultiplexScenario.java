package dev.sseboot.bench.run;

import dev.sseboot.bench.load.MultiplexLoad;
import dev.sseboot.bench.load.ReadinessProbe;
import dev.sseboot.bench.result.MultiplexResult;
import dev.sseboot.bench.result.ResultsStore;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Streams of several channels on the starter: {@value #CHANNELS} channels, each stream reading
 * {@value #CHANNELS_PER_STREAM} of them on one connection ({@code /events?channel=bench/i&…}), while
 * the server publishes to every channel in turn at the rate that gives each stream
 * {@value #PER_STREAM_RATE} event a second, as the single-channel S2 does; so deliveries per second
 * and latency compare with S2's. The load generator reads each event's source channel from its
 * composite id and checks every channel's sequence on every stream.
 *
 * <pre>MultiplexScenario --mode=full|quick --results=DIR --pids=DIR --server-cpu=N --server=NAME --command=COMMAND</pre>
 *
 * The command is the server's, with {@code {port}}, {@code {rate}} and {@code {channels}}; it must
 * publish the bench protocol to {@code bench/0} … {@code bench/{channels - 1}} in turn, each channel
 * with its own sequence. Writes {@value MultiplexResult#FILE}.
 */
public final class MultiplexScenario {

    static final int CHANNELS = 1_000;
    static final int CHANNELS_PER_STREAM = 4;
    static final int PER_STREAM_RATE = 1;
    private static final long SEED = 20_260_101L;

    private MultiplexScenario() {
    }

    public static void main(String[] args) throws Exception {
        String mode = "quick";
        Path results = null;
        Path pids = null;
        int serverCpu = 0;
        String server = "starter";
        String command = null;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals < 0 ? "" : arg.substring(equals + 1);
            switch (name) {
                case "--mode" -> mode = value;
                case "--results" -> results = Path.of(value);
                case "--pids" -> pids = Path.of(value);
                case "--server-cpu" -> serverCpu = Integer.parseInt(value);
                case "--server" -> server = value;
                case "--command" -> command = value;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (results == null || pids == null || command == null) {
            throw new IllegalArgumentException("--results, --pids and --command are required");
        }
        boolean full = "full".equals(mode);
        int streams = full ? 10_000 : 1_000;
        Duration warmUp = Duration.ofSeconds(full ? 10 : 3);
        Duration window = Duration.ofSeconds(full ? 30 : 10);
        int publishRate = PER_STREAM_RATE * CHANNELS / CHANNELS_PER_STREAM;

        ServerSpec spec = new ServerSpec(server, "publishing to " + CHANNELS + " channels in turn",
                command.replace("{channels}", Integer.toString(CHANNELS)));
        Progress.say("multiplex: %d streams of %d channels out of %d, %d events/s published", streams,
                CHANNELS_PER_STREAM, CHANNELS, publishRate);
        MultiplexResult result;
        try (ServerProcess process = ServerProcess.start(spec, serverCpu, publishRate, results.resolve("logs"), pids,
                "multiplex")) {
            URI firstChannel = URI.create(process.streamUrl() + "/0");
            ReadinessProbe.awaitFirstEvent(firstChannel, Duration.ofSeconds(60), process::alive);
            URI streamPath = process.streamUrl().resolve("/events");
            try (MultiplexLoad load = new MultiplexLoad(streamPath, channelsPerStream(streams), 8)) {
                double openSeconds = load.open(Duration.ofSeconds(120));
                MultiplexLoad.Window measured = load.measure(warmUp, window);
                result = new MultiplexResult(server, streams, CHANNELS, CHANNELS_PER_STREAM, PER_STREAM_RATE,
                        publishRate, openSeconds, measured, process.exitDescription());
            }
        }
        new ResultsStore(results).write(MultiplexResult.FILE, result);
        Progress.say("multiplex: %.0f delivered/s, p99 %.1f ms, %d gaps, %d duplicates, %d streams closed",
                result.window().deliveredPerSecond(), result.window().latency().p99Ms(), result.window().gaps(),
                result.window().duplicates(), result.window().closedStreams());
    }

    /** Each stream's channels: distinct, drawn from a fixed seed so that every run loads the same way. */
    static List<List<String>> channelsPerStream(int streams) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<List<String>> all = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            List<String> channels = new ArrayList<>(CHANNELS_PER_STREAM);
            while (channels.size() < CHANNELS_PER_STREAM) {
                String channel = "bench/" + random.nextInt(CHANNELS);
                if (!channels.contains(channel)) {
                    channels.add(channel);
                }
            }
            all.add(channels);
        }
        return all;
    }
}
