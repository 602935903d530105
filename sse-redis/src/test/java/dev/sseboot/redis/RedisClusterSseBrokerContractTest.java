package dev.sseboot.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract on a Redis 7 cluster of three masters and three replicas, with sharded pub/sub. */
class RedisClusterSseBrokerContractTest extends AbstractRedisSseBrokerContractTest {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @Override
    protected RedisDeployment redis() {
        return redis;
    }
}
