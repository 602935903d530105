package dev.sseboot.bench.result;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.StreamTotals;
import dev.sseboot.bench.load.WindowResult;

/**
 * S5, S2 and S4 for one server, run on one server process in that order: a connect storm opens
 * the streams, a window measures latency, then the stall candidates stop reading and a second
 * window measures the healthy streams again.
 *
 * @param connect S5: opening all streams at once
 * @param latency S2: every stream reading
 * @param isolated S4: the same streams less the stalled ones
 * @param stalled what the stalled streams got once they read again (closed by the server, gaps)
 * @param unreadBytesPerStalledStream what piled up for each stalled stream while it did not read,
 *     measured when it read again: back-pressure reaches the server only once this exceeds the
 *     kernel's socket buffers
 * @param error why the scenario stopped early; {@code null} when it ran through
 * @param connectCpu the server's CPU while the connect storm opened the streams
 * @param latencyCpu the server's CPU over S2's window
 * @param isolatedCpu the server's CPU over S4's window
 */
public record StreamsResult(String server, int rate, int streams, int stalledStreams, OpenResult connect,
        WindowResult latency, WindowResult isolated, StreamTotals stalled, Double unreadBytesPerStalledStream,
        String error, ServerCpu connectCpu, ServerCpu latencyCpu, ServerCpu isolatedCpu) {
}
