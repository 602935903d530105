package dev.sseboot.bench.result;

import java.util.List;

/**
 * S6 for one server: the fixed rates, each on a fresh server process, whatever the server manages
 * at each. S1 counts these runs as its own tries at the same rates.
 *
 * @param error why the scenario stopped early; {@code null} when it ran through
 */
public record FixedLoadResult(String server, int streams, List<FanoutStep> steps, String error) {
}
