package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** A killed instance leaves presence on a Redis 7 cluster of three masters and three replicas. */
class RedisClusterPresenceKilledInstanceTest extends AbstractRedisPresenceKilledInstanceTest {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @Override
    protected RedisDeployment redis() {
        return redis;
    }
}
