package dev.sseboot.core.presence;

import java.time.Instant;

/**
 * One instance alive in the fleet.
 *
 * @param started when the instance began to count its streams (its own clock)
 * @param lastHeartbeat when it last said it is alive (the store's clock; now, for a single instance)
 * @param streams the streams it holds
 */
public record InstancePresence(String id, String host, Instant started, Instant lastHeartbeat, int streams) {
}
