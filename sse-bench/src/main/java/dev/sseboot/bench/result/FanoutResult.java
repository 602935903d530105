package dev.sseboot.bench.result;

import java.util.List;

/**
 * S1 for one server: the rates tried, in order.
 *
 * @param maxRate the highest rate that passed; {@code null} when none did
 * @param topReached every rate tried passed, so the true maximum may be higher
 * @param error why the scenario stopped early; {@code null} when it ran through
 */
public record FanoutResult(String server, int streams, List<FanoutStep> steps, Integer maxRate, boolean topReached,
        String error) {
}
