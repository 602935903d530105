package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker on Redis 6.2 (the binary in embedded-redis). */
class RedisSseBrokerTest extends AbstractStandaloneRedisSseBrokerTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected RedisServerExtension redis() {
        return redis;
    }

    @Override
    protected RedisServerExtension lateServer() {
        return new RedisServerExtension();
    }
}
