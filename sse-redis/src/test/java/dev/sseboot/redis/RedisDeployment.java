package dev.sseboot.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** A Redis that tests run against: one server, or a cluster of several. */
public interface RedisDeployment {

    /** A started Lettuce factory for it, as Spring Boot would build one, with a short command timeout. */
    LettuceConnectionFactory connectionFactory();

    /** Commands on a connection of the test's own, outside any application (admin, inspection). */
    RedisClusterCommands<String, String> commands();

    /** How many clients subscribe to a channel's topic (sharded on a cluster) where it lives. */
    long subscribers(String topic);

    /** Whether it is a Redis Cluster. */
    boolean cluster();
}
