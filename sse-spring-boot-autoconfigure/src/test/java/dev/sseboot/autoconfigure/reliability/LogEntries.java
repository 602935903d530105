package dev.sseboot.autoconfigure.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Captured console output split into Boot's log entries: level, logger, message and what follows (a stack trace). */
final class LogEntries {

    /** Boot's console pattern: timestamp, level, pid, "---", [thread], logger, ":", message. */
    private static final Pattern ENTRY = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) \\d+ --- \\[.*?\\] (\\S+)\\s*: (.*)$");

    record Entry(String level, String logger, String message, String rest) {

        boolean hasStackTrace() {
            return rest.contains("\tat ");
        }

        boolean isWarnOrError() {
            return level.equals("WARN") || level.equals("ERROR");
        }

        @Override
        public String toString() {
            return level + " " + logger + ": " + message + (rest.isBlank() ? "" : "\n" + rest.strip().lines()
                    .limit(4).reduce((a, b) -> a + "\n" + b).orElse(""));
        }
    }

    private LogEntries() {
    }

    static List<Entry> parse(String output) {
        List<Entry> entries = new ArrayList<>();
        String level = null;
        String logger = null;
        String message = null;
        StringBuilder rest = new StringBuilder();
        for (String line : output.split("\n")) {
            Matcher matcher = ENTRY.matcher(line);
            if (matcher.matches()) {
                if (level != null) {
                    entries.add(new Entry(level, logger, message, rest.toString()));
                }
                level = matcher.group(1);
                logger = matcher.group(2);
                message = matcher.group(3);
                rest.setLength(0);
            } else if (level != null) {
                rest.append(line).append('\n');
            }
        }
        if (level != null) {
            entries.add(new Entry(level, logger, message, rest.toString()));
        }
        return entries;
    }
}
