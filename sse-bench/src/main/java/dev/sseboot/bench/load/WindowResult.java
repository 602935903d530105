package dev.sseboot.bench.load;

/**
 * What the healthy streams saw of the events published during one measurement window.
 *
 * @param seconds the window's length (events published in it count; late ones may arrive during a grace period after it)
 * @param streams the streams measured: open and reading when the window began
 * @param stalledStreams streams left out because they had been told to stop reading
 * @param sequencesPublished the distinct sequence numbers published in the window, as far as any stream received them
 * @param publishRate the rate the server actually published at, from the first and last event's timestamps
 * @param expectedEvents {@code streams × sequencesPublished}
 * @param onTimeEvents events received no later than the on-time bound after their publication
 * @param onTimeRatio {@code onTimeEvents / expectedEvents}: a lost, late or never-sent event counts against it
 * @param eventsPerSecond events received per second over all measured streams
 * @param gaps sequence numbers the measured streams skipped while the window was open
 * @param duplicates repeated or out-of-order sequence numbers on the measured streams
 * @param streamsClosed measured streams that the server closed or broke during the window
 * @param generatorCpu the share of one core the generator's loop thread used: near 1.0 the generator, not the server, may be the limit
 */
public record WindowResult(double seconds, int streams, int stalledStreams, long sequencesPublished,
        double publishRate, long expectedEvents, long receivedEvents, long onTimeEvents, double onTimeRatio,
        double eventsPerSecond, long minEventsPerStream, long maxEventsPerStream, long gaps, long duplicates,
        int streamsClosed, LatencySummary latency, double generatorCpu) {
}
