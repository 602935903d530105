package dev.sseboot.bench.result;

import dev.sseboot.bench.load.MultiplexLoad;

/**
 * The multiplexed scenario: streams of several channels each, on the starter.
 *
 * @param server the server measured
 * @param streams streams opened
 * @param channels channels the server publishes to, in turn
 * @param channelsPerStream channels each stream reads, drawn at random (seeded) without repeats
 * @param perStreamRate events per second each stream should get: the single-channel scenarios' rate
 * @param publishRate events per second the server was told to publish over all channels
 * @param openSeconds how long opening every stream took
 * @param window what the open streams got in the measurement window
 * @param error why the scenario stopped early; {@code null} when it ran through
 */
public record MultiplexResult(String server, int streams, int channels, int channelsPerStream, int perStreamRate,
        int publishRate, double openSeconds, MultiplexLoad.Window window, String error) {

    /** The results file of this scenario. */
    public static final String FILE = "multiplex.json";
}
