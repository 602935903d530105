package dev.sseboot.redis;

import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.test.broker.AbstractSseBrokerContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;

/**
 * The Redis broker against a real {@code redis-server}: it replaces ids publishers set (the stream
 * id is the event id), and its replay window may keep up to one stream node more than the replay
 * size, since {@code MAXLEN ~} trims whole nodes.
 */
class RedisSseBrokerContractTest extends AbstractSseBrokerContractTest {

    /** Redis's default {@code stream-node-max-entries}: the most entries one stream node holds. */
    private static final int STREAM_NODE_ENTRIES = 100;

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static LettuceConnectionFactory connectionFactory;

    @BeforeAll
    static void connect() {
        connectionFactory = TestRedis.connectionFactory(redis.port(), null, null);
    }

    @AfterAll
    static void disconnect() {
        connectionFactory.destroy();
    }

    @Override
    protected SseBroker createBroker(int replaySize) {
        return new RedisSseBroker(connectionFactory, "contract:", replaySize, Duration.ofMinutes(5));
    }

    @Override
    protected PublisherIds publisherIds() {
        return PublisherIds.REPLACED;
    }

    @Override
    protected int replayWindowSlack() {
        return STREAM_NODE_ENTRIES;
    }
}
