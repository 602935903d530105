package dev.sseboot.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.RedisClusterClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

/**
 * This broker's connections to Redis, on the client the application's Lettuce connection factory
 * built (its addresses, credentials, TLS and timeouts): a standalone server (or one found through
 * Sentinel), or a Redis Cluster. Commands run on connections of the broker's own, so that a
 * {@code WAIT} follows the publish it waits for on the same connection.
 */
abstract class RedisLink {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    /**
     * @throws IllegalArgumentException when the factory is not Lettuce's
     */
    static RedisLink of(RedisConnectionFactory connectionFactory, RedisKeys keys, Subscriptions.Listener listener) {
        if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalArgumentException("The Redis broker needs a LettuceConnectionFactory (Spring Boot's default),"
                    + " not a " + connectionFactory.getClass().getName() + ": Jedis blocks the subscribing thread");
        }
        return lettuce.isClusterAware() ? new ClusterLink(lettuce, keys, listener)
                : new StandaloneLink(lettuce, listener);
    }

    /** Whether this is a Redis Cluster, whose channel topics are sharded. */
    abstract boolean cluster();

    /**
     * Connects what is not connected yet; Lettuce reconnects established connections by itself.
     *
     * @throws RedisException when Redis cannot be reached
     */
    abstract void connect();

    /**
     * Runs a script on the node that holds its first key.
     *
     * @throws RedisException when Redis does not answer or refuses
     */
    abstract <T> T run(LuaScript script, String[] keys, String... args);

    /**
     * Runs a script on the node that holds its first key, then waits on that same connection until
     * that many replicas have what it wrote ({@code WAIT}, which scripts may not call).
     *
     * @return how many replicas acknowledged within the timeout
     * @throws RedisException when Redis does not answer or refuses
     */
    abstract <T> Acknowledged<T> runAndWait(LuaScript script, int replicas, Duration timeout, String[] keys,
            String... args);

    /**
     * Asks every node that owns slots whether it answers.
     *
     * @throws RedisException when one does not
     */
    abstract void ping();

    /** This broker's subscriptions. */
    abstract Subscriptions subscriptions();

    abstract void close();

    /** A script's result and how many replicas acknowledged its writes. */
    record Acknowledged<T>(T result, long replicas) {
    }

    /**
     * Waits for subscriptions to be confirmed, so that what is published afterwards reaches them; one
     * not confirmed in time is logged and completes later (or is made again at the next upkeep).
     */
    static void awaitConfirmations(List<? extends Future<?>> subscribing, Duration timeout) {
        if (subscribing.isEmpty()) {
            return;
        }
        try {
            if (!LettuceFutures.awaitAll(timeout, subscribing.toArray(Future[]::new))) {
                log.warn("Redis did not confirm {} subscriptions within {}; they go on and are confirmed later, or"
                        + " made again at the next upkeep", subscribing.size(), timeout);
            }
        } catch (RedisException e) {
            log.warn("Subscribing to Redis failed; retrying at the next upkeep: {}", e.toString());
        }
    }

    static AbstractRedisClient client(LettuceConnectionFactory factory) {
        return factory.getRequiredNativeClient();
    }

    static RedisClient standaloneClient(LettuceConnectionFactory factory) {
        return (RedisClient) client(factory);
    }

    static RedisClusterClient clusterClient(LettuceConnectionFactory factory) {
        return (RedisClusterClient) client(factory);
    }
}
