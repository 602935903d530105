package dev.sseboot.bench.run;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard output, so whoever runs the bench sees where it is. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... arguments) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, arguments));
    }

    /** A one-line description of a failure, for a result's error field. */
    static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
