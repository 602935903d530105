package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Presence on a standalone Redis 7 (the machine's redis-server). */
class Redis7SsePresenceTest extends AbstractStandaloneRedisSsePresenceTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.redis7();

    @Override
    protected RedisServerExtension redis() {
        return redis;
    }
}
