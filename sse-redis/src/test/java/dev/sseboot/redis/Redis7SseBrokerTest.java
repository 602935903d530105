package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker on a standalone Redis 7 (the machine's redis-server). */
class Redis7SseBrokerTest extends AbstractStandaloneRedisSseBrokerTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.redis7();

    @Override
    protected RedisServerExtension redis() {
        return redis;
    }

    @Override
    protected RedisServerExtension lateServer() {
        return RedisServerExtension.redis7();
    }
}
