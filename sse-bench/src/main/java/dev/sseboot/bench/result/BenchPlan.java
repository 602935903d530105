package dev.sseboot.bench.result;

import java.time.Duration;
import java.util.List;

/**
 * What a run does: stream counts, rates and the length of every phase. {@link #full()} is the
 * suite the report is made from; {@link #quick()} proves the pipeline at a tenth of the streams in
 * a few minutes.
 *
 * @param streams streams per server in S1, S2, S4 and S5
 * @param rampPerSecond connects per second when opening streams outside the connect storm
 * @param sourceAddresses local addresses (127.0.0.2 on) the generator spreads its streams over
 * @param onTimeSeconds an event is on time when it arrives within this after its publication
 * @param fanoutRates S1's ladder of publish rates, tried in order until one fails
 * @param fanoutRefinements how many rates to try between the last pass and the first failure
 * @param minOnTimeRatio S1 passes a rate when this share of the expected events is on time
 * @param minPublishShare … and the server published at least this share of the rate
 * @param latencyRate the publish rate of S2 and S4: low enough that every server keeps up (one server
 *     CPU writes roughly 100,000 small loopback frames a second at best, so 10,000 streams saturate it
 *     near 10 events/s), so S2 compares delivery, not queueing
 * @param stallOneIn S4 stalls one stream in this many
 * @param stallSettleSeconds how long the stalled streams sit unread before S4's window
 * @param memoryStreams S3's stream counts, from 0
 * @param memoryRate S3's publish rate: low, so streams are idle between events
 * @param fixedRates S6's rates, each run on every server whatever it manages (S1 counts them as its
 *     own tries at those rates)
 * @param admissionStreams S7's streams: more than the admission server's small heap holds
 */
public record BenchPlan(String mode, int streams, double rampPerSecond, int sourceAddresses,
        double startTimeoutSeconds, double connectTimeoutSeconds, double warmupSeconds, double graceSeconds,
        double onTimeSeconds, List<Integer> fanoutRates, int fanoutRefinements, double fanoutWindowSeconds,
        double minOnTimeRatio, double minPublishShare, int latencyRate, double latencyWindowSeconds, int stallOneIn,
        double stallSettleSeconds, List<Integer> memoryStreams, int memoryRate, double memorySettleSeconds,
        List<Integer> fixedRates, int admissionStreams) {

    public static BenchPlan full() {
        return new BenchPlan("full", 10_000, 4_000, 16, 60, 30, 5, 1.5, 1,
                List.of(1, 2, 5, 10, 20, 40, 80), 2, 6, 0.999, 0.98,
                1, 10, 100, 5, List.of(0, 5_000, 10_000, 15_000), 1, 3,
                List.of(5, 10, 20), 6_000);
    }

    public static BenchPlan quick() {
        return new BenchPlan("quick", 1_000, 4_000, 4, 60, 30, 1, 1.2, 1,
                List.of(20, 160), 0, 2, 0.999, 0.98,
                10, 3, 100, 3, List.of(0, 500, 1_000), 1, 1,
                List.of(5, 20), 1_500);
    }

    public static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
