package dev.sseboot.bench.run;

import dev.sseboot.bench.result.ServerCpu;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard output, so whoever runs the bench sees where it is. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... arguments) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, arguments));
    }

    /** A server's CPU as a share of one core, or n/a. */
    static String cpu(ServerCpu cpu) {
        return cpu == null ? "n/a" : String.format("%.0f%%", cpu.share() * 100);
    }

    /** A one-line description of a failure, for a result's error field. */
    static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
