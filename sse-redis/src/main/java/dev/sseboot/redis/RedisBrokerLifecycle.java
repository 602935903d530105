package dev.sseboot.redis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.Phased;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Closes the Redis broker on shutdown just before the connection factory closes its connections
 * (a higher phase stops earlier): closing it later, when the context destroys its beans, would
 * find its subscription already cut and its probe failing against a stopped factory.
 */
public final class RedisBrokerLifecycle implements SmartLifecycle {

    private final ObjectProvider<RedisSseBroker> broker;
    private final int phase;
    private volatile boolean running;

    public RedisBrokerLifecycle(ObjectProvider<RedisSseBroker> broker, RedisConnectionFactory connectionFactory) {
        this.broker = broker;
        this.phase = connectionFactory instanceof Phased phased ? phased.getPhase() + 1 : 0;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        broker.ifAvailable(RedisSseBroker::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
