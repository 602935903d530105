package dev.sseboot.bench.load;

import org.HdrHistogram.Histogram;

/** Percentiles of a histogram of microseconds, in milliseconds. */
public record LatencySummary(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
        double maxMs) {

    public static LatencySummary ofMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(micros.getTotalCount(), micros.getMean() / 1000.0,
                ms(micros, 50), ms(micros, 90), ms(micros, 99), ms(micros, 99.9), micros.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
