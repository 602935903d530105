package dev.sseboot.redis;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;

import java.nio.charset.StandardCharsets;

/**
 * This instance's subscription to the announcement topic, on a connection of its own.
 *
 * <p>One topic carries every channel's announcements, and it is subscribed once, before any
 * client arrives: a subscription per channel would be confirmed only some time after the first
 * client's replay read, and events published in between would reach nobody.
 *
 * <p>Lettuce reconnects a dropped subscription by itself and subscribes again; each confirmation,
 * the first and every later one, starts a catch-up, because announcements sent while the
 * connection was down are gone.
 */
final class AnnouncementSubscription implements MessageListener, SubscriptionListener {

    private final RedisConnectionFactory connectionFactory;
    private final byte[] topic;
    private final ChannelFeeds feeds;
    private @Nullable RedisConnection connection; // guarded by this

    AnnouncementSubscription(RedisConnectionFactory connectionFactory, String topic, ChannelFeeds feeds) {
        this.connectionFactory = connectionFactory;
        this.topic = topic.getBytes(StandardCharsets.UTF_8);
        this.feeds = feeds;
    }

    /**
     * Subscribes unless subscribed already.
     *
     * @throws org.springframework.dao.DataAccessException when Redis cannot be reached
     */
    synchronized void ensureSubscribed() {
        if (connection != null && connection.isSubscribed()) {
            return;
        }
        close();
        RedisConnection fresh = connectionFactory.getConnection();
        try {
            fresh.subscribe(this, topic);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        connection = fresh;
    }

    @Override
    public void onMessage(Message message, byte @Nullable [] pattern) {
        feeds.announced(message.getBody());
    }

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        feeds.resubscribed();
    }

    synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
