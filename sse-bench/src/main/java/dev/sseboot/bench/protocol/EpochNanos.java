package dev.sseboot.bench.protocol;

import java.time.Instant;

/**
 * Wall-clock time in nanoseconds since the epoch, the clock both ends of the protocol use: the
 * publisher stamps an event with it and the reader subtracts it from its own reading. Both run on
 * one machine, so they read the same clock (at the JDK's microsecond resolution).
 */
public final class EpochNanos {

    private EpochNanos() {
    }

    public static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
