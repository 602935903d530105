package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Presence on Redis 6.2 (the binary in embedded-redis). */
class RedisSsePresenceTest extends AbstractStandaloneRedisSsePresenceTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected RedisServerExtension redis() {
        return redis;
    }
}
