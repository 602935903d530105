package dev.sseboot.bench.load;

import java.util.Map;

/**
 * Counters over a set of streams since they opened.
 *
 * @param closed streams that ended after opening, by reason
 * @param bytes bytes read from the sockets, response heads and framing included
 * @param minFirstSequence the lowest first sequence number a stream saw ({@code -1} when none saw any)
 */
public record StreamTotals(int streams, int open, Map<String, Integer> closed, long bytes, long events, long gaps,
        long duplicates, long minEventsPerStream, long maxEventsPerStream, long minFirstSequence,
        long maxFirstSequence) {
}
