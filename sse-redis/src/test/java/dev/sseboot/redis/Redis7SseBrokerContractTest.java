package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract on a standalone Redis 7 (the machine's redis-server). */
class Redis7SseBrokerContractTest extends AbstractRedisSseBrokerContractTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.redis7();

    @Override
    protected RedisDeployment redis() {
        return redis;
    }
}
