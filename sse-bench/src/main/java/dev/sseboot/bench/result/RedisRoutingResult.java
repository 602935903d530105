package dev.sseboot.bench.result;

import java.util.List;

/**
 * The Redis routing scenario: several broker instances share one Redis, each serving its own part
 * of the channels, and each routing's bytes from Redis per instance.
 *
 * @param redisVersion the Redis server's version
 * @param instances broker instances
 * @param channels channels, each served by exactly one instance
 * @param targetRate events per second published over all channels
 * @param dataBytes bytes of data per event
 * @param windowSeconds how long each routing was measured, after its warm-up
 * @param routings one entry per routing
 */
public record RedisRoutingResult(String redisVersion, int instances, int channels, int targetRate, int dataBytes,
        double windowSeconds, List<Routing> routings) {

    /**
     * @param name the routing
     * @param description how the instances subscribe
     * @param publishedPerSecond events per second actually published
     * @param bytesPerSecond per instance, bytes per second Redis sent it
     * @param deliveredPerSecond per instance, events per second its broker handed to its hub
     */
    public record Routing(String name, String description, double publishedPerSecond, List<Double> bytesPerSecond,
            List<Double> deliveredPerSecond) {
    }
}
