package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract on Redis 6.2 (the binary in embedded-redis). */
class RedisSseBrokerContractTest extends AbstractRedisSseBrokerContractTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected RedisDeployment redis() {
        return redis;
    }
}
