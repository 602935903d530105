package dev.sseboot.bench.result;

/**
 * The CPU time a server process used over a stretch of wall-clock time: user and system time of
 * every thread ({@code utime + stime} in {@code /proc/<pid>/stat}), so the kernel's share of each
 * socket write counts.
 */
public record ServerCpu(double wallSeconds, double cpuSeconds) {

    /** The share of one core: 1.0 is a core busy all the time. */
    public double share() {
        return wallSeconds <= 0 ? 0 : cpuSeconds / wallSeconds;
    }

    /**
     * CPU milliseconds per 100,000 deliveries at {@code deliveriesPerSecond}, or {@code null} when
     * nothing was delivered.
     */
    public Double millisPerHundredThousand(double deliveriesPerSecond) {
        return deliveriesPerSecond <= 0 ? null : share() / deliveriesPerSecond * 100_000 * 1000;
    }
}
