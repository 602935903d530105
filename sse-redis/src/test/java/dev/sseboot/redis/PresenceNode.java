package dev.sseboot.redis;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.presence.LocalStreams;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.redis.presence.RedisSsePresence;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.List;

/**
 * One instance as an application runs it with Redis: the broker, a hub that counts its streams,
 * and the fleet presence, on a connection factory of its own (which it closes).
 */
final class PresenceNode implements AutoCloseable {

    final LettuceConnectionFactory factory;
    final RedisSseBroker broker;
    final LocalStreams local;
    final SseHub hub;
    final RedisSsePresence presence;

    PresenceNode(LettuceConnectionFactory factory, String keyPrefix, int maxPrincipals) {
        this.factory = factory;
        broker = new RedisSseBroker(factory, keyPrefix, 100, Duration.ofMinutes(5));
        local = LocalStreams.create(maxPrincipals);
        hub = SseHub.builder().settings(SseSettings.defaults()).broker(broker).listener(local).build();
        presence = new RedisSsePresence(local, factory, keyPrefix, RedisSsePresence.DEFAULT_HEARTBEAT,
                RedisSsePresence.DEFAULT_EXPIRY);
        presence.start();
    }

    String id() {
        return presence.instanceId();
    }

    /** A stream that takes whatever it is sent and is never read. */
    Subscription open(String channel, @Nullable String user) {
        return open(channel, user, new QuietSink());
    }

    Subscription open(String channel, @Nullable String user, SseSink sink) {
        return hub.subscribe(channel, sink, null, user);
    }

    /** Leaves the fleet, then stops the hub, the broker and the connections. */
    @Override
    public void close() {
        presence.close();
        hub.shutdown();
        broker.close();
        factory.destroy();
    }

    private static final class QuietSink implements SseSink {
        @Override
        public void write(List<SseFrame> frames) {
        }

        @Override
        public void close() {
        }
    }
}
