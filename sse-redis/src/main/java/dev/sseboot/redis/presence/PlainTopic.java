package dev.sseboot.redis.presence;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The presence topic on a standalone Redis (also one found through Sentinel): {@code PUBLISH} and
 * {@code SUBSCRIBE} on a connection of its own. Lettuce subscribes again by itself after a dropped
 * connection.
 */
final class PlainTopic implements PresenceTopic {

    private final RedisConnectionFactory connectionFactory;
    private final byte[] topic;
    private @Nullable RedisConnection connection; // guarded by this

    PlainTopic(RedisConnectionFactory connectionFactory, String topic) {
        this.connectionFactory = connectionFactory;
        this.topic = topic.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String publishCommand() {
        return "PUBLISH";
    }

    @Override
    public synchronized void ensureSubscribed(Consumer<byte[]> receiver) {
        if (connection != null && connection.isSubscribed()) {
            return;
        }
        close();
        RedisConnection fresh = connectionFactory.getConnection();
        try {
            fresh.subscribe((message, pattern) -> receiver.accept(message.getBody()), topic);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        connection = fresh;
    }

    @Override
    public void redisFailed() {
        // One server: nothing to look up again.
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
