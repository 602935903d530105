package dev.sseboot.bench.run;

import dev.sseboot.bench.result.ServerCpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's CPU time from outside: {@code utime + stime} of {@code /proc/<pid>/stat}, which
 * sum every thread's user and system time, in clock ticks.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = clockTicksPerSecond();

    private ProcessCpu() {
    }

    /** The CPU seconds the process has used since it started. */
    static double cpuSeconds(long pid) throws IOException {
        return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS_PER_SECOND;
    }

    /** {@code utime + stime} of a {@code /proc/<pid>/stat} line, in clock ticks. */
    static long parseTicks(String stat) throws IOException {
        // The command name (field 2) is in parentheses and may hold spaces; the fields after it are plain.
        int end = stat.lastIndexOf(')');
        String[] fields = end < 0 ? new String[0] : stat.substring(end + 1).trim().split("\\s+");
        // Field 3 (state) is fields[0], so utime (field 14) and stime (field 15) are fields[11] and [12].
        if (fields.length < 13) {
            throw new IOException("not a /proc/<pid>/stat line: " + stat);
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Starts measuring the process's CPU from now. */
    static Stopwatch start(long pid) throws IOException {
        return new Stopwatch(pid, cpuSeconds(pid), System.nanoTime());
    }

    /** A measurement under way. */
    record Stopwatch(long pid, double cpuAtStart, long nanosAtStart) {

        /** The CPU used since the start, or {@code null} (said on the progress lines) when the process is gone. */
        ServerCpu stop() {
            try {
                double cpu = cpuSeconds(pid) - cpuAtStart;
                return new ServerCpu((System.nanoTime() - nanosAtStart) / 1e9, cpu);
            } catch (IOException e) {
                Progress.say("no CPU figure for process %d: %s", pid, Progress.describe(e));
                return null;
            }
        }
    }

    /** USER_HZ, the unit of {@code /proc} CPU times: 100 on every common Linux, asked of getconf to be sure. */
    private static double clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Double.parseDouble(answer);
            }
            Progress.say("getconf CLK_TCK failed (%s); counting 100 clock ticks a second", answer);
        } catch (IOException | NumberFormatException e) {
            Progress.say("getconf CLK_TCK failed (%s); counting 100 clock ticks a second", Progress.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
