package dev.sseboot.bench.result;

import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.WindowResult;

/**
 * One publish rate tried in S1, on a fresh server process.
 *
 * @param failure why the rate did not pass; {@code null} when it did
 * @param cpu the server's CPU over the measurement window; {@code null} when it could not be read
 */
public record FanoutStep(int rate, boolean passed, String failure, OpenResult open, WindowResult window,
        ServerCpu cpu) {
}
