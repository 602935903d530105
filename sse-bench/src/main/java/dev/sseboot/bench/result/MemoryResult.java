package dev.sseboot.bench.result;

import java.util.List;

/**
 * S3 for one server: memory at growing numbers of idle streams on one server process.
 *
 * @param rate the server's publish rate, low so the streams are idle between events
 * @param error why the scenario stopped early; {@code null} when it ran through
 */
public record MemoryResult(String server, int rate, List<MemoryPoint> points, String error) {
}
