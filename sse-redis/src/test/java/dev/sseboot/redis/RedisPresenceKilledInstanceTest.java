package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** A killed instance leaves presence on Redis 6.2 (the binary in embedded-redis). */
class RedisPresenceKilledInstanceTest extends AbstractRedisPresenceKilledInstanceTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected RedisDeployment redis() {
        return redis;
    }
}
