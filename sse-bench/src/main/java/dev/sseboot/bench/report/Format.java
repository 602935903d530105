package dev.sseboot.bench.report;

import dev.sseboot.bench.result.ServerCpu;

import java.util.Locale;

/** How numbers read in the report; a missing value is "n/a". */
final class Format {

    static final String NONE = "n/a";

    private Format() {
    }

    static String ms(double millis) {
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        return String.format(Locale.ROOT, millis >= 10 ? "%.1f ms" : "%.2f ms", millis);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.3f %%", ratio * 100);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String kib(double bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    /** A server's CPU as the share of one core it used, e.g. "58 %". */
    static String cpu(ServerCpu cpu) {
        return cpu == null ? NONE : share(cpu.share());
    }

    static String share(Double share) {
        return share == null ? NONE : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    /** CPU milliseconds, e.g. per 100,000 deliveries. */
    static String cpuMillis(Double millis) {
        return millis == null ? NONE : String.format(Locale.ROOT, "%,.0f ms", millis);
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    /** {@code value / reference} as "2.50×", or n/a when either is missing or the reference is 0. */
    static String ratio(Double value, Double reference) {
        if (value == null || reference == null || reference == 0) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.2f×", value / reference);
    }

    static String check(Boolean met) {
        return met == null ? "n/a (inconclusive or missing)" : met ? "✅ met" : "❌ not met";
    }
}
