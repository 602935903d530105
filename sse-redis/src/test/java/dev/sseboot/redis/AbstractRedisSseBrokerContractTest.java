package dev.sseboot.redis;

import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.test.broker.AbstractSseBrokerContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;

/**
 * The Redis broker against a real Redis, one subclass per deployment: it replaces ids publishers
 * set (the stream id is the event id), and its replay window may keep up to one stream node more
 * than the replay size, since {@code MAXLEN ~} trims whole nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRedisSseBrokerContractTest extends AbstractSseBrokerContractTest {

    /** Redis's default {@code stream-node-max-entries}: the most entries one stream node holds. */
    private static final int STREAM_NODE_ENTRIES = 100;

    private LettuceConnectionFactory connectionFactory;

    /** The Redis this class runs against. */
    protected abstract RedisDeployment redis();

    @BeforeAll
    void connect() {
        connectionFactory = redis().connectionFactory();
    }

    @AfterAll
    void disconnect() {
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
