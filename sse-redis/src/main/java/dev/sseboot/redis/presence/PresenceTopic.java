package dev.sseboot.redis.presence;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.util.function.Consumer;

/**
 * The topic presence changes are announced on, and this instance's subscription to it: ordinary
 * pub/sub on a standalone Redis, sharded pub/sub on a Redis Cluster, where the topic lives in the
 * slot of the presence keys and moves with it when a replica takes over.
 */
interface PresenceTopic {

    static PresenceTopic of(RedisConnectionFactory connectionFactory, String topic) {
        if (connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware()) {
            return new ShardedTopic(lettuce, topic);
        }
        return new PlainTopic(connectionFactory, topic);
    }

    /** The command the presence scripts announce with. */
    String publishCommand();

    /**
     * Subscribes unless subscribed already, handing each message's body to {@code receiver} on
     * the client's thread.
     *
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    void ensureSubscribed(Consumer<byte[]> receiver);

    /** A presence command failed: a cluster's topology is read again before the next attempt. */
    void redisFailed();

    /** Ends the subscription. */
    void close();
}
