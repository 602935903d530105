package dev.sseboot.bench.load;

import java.util.Map;

/**
 * How opening a batch of streams went.
 *
 * @param seconds from the first connect to the last stream that opened
 * @param failures failed streams by reason (refused, timed out, HTTP status, …)
 * @param connectTime per stream, from starting the connect to reading the response head
 */
public record OpenResult(int requested, int opened, int failed, Map<String, Integer> failures, double seconds,
        LatencySummary connectTime) {
}
