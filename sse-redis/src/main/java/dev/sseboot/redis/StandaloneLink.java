package dev.sseboot.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Future;
import java.util.Set;

/**
 * A standalone Redis (also one found through Sentinel): one connection for commands, one for
 * pub/sub. Channel topics are ordinary pub/sub ({@code SUBSCRIBE}/{@code PUBLISH}, Redis 6.2 has
 * no sharded pub/sub), patterns are {@code PSUBSCRIBE}; Lettuce subscribes both again after a
 * reconnect, and every confirmation starts the channel's catch-up.
 */
final class StandaloneLink extends RedisLink implements Subscriptions {

    private final LettuceConnectionFactory factory;
    private final Subscriptions.Listener listener;
    private volatile @Nullable StatefulRedisConnection<String, String> commands;
    private @Nullable StatefulRedisPubSubConnection<byte[], byte[]> pubSub; // guarded by this
    private final Set<String> topics = new HashSet<>(); // guarded by this
    private final Set<String> globs = new HashSet<>(); // guarded by this

    StandaloneLink(LettuceConnectionFactory factory, Subscriptions.Listener listener) {
        this.factory = factory;
        this.listener = listener;
    }

    @Override
    boolean cluster() {
        return false;
    }

    @Override
    synchronized void connect() {
        RedisClient client = standaloneClient(factory);
        if (commands == null) {
            commands = client.connect(StringCodec.UTF8);
        }
        if (pubSub == null) {
            StatefulRedisPubSubConnection<byte[], byte[]> connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    listener.message(message, false);
                }

                @Override
                public void message(byte[] pattern, byte[] channel, byte[] message) {
                    listener.message(message, true);
                }

                @Override
                public void subscribed(byte[] channel, long count) {
                    listener.subscribed(new String(channel, StandardCharsets.UTF_8));
                }
            });
            pubSub = connection;
            listener.wantedTopics().forEach(this::syncChannel);
            listener.wantedGlobs().forEach(this::syncPattern);
        }
    }

    private StatefulRedisConnection<String, String> commands() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            connect();
            connection = commands;
        }
        return connection;
    }

    @Override
    <T> T run(LuaScript script, String[] keys, String... args) {
        return script.run(commands().sync(), keys, args);
    }

    @Override
    <T> Acknowledged<T> runAndWait(LuaScript script, int replicas, Duration timeout, String[] keys, String... args) {
        StatefulRedisConnection<String, String> connection = commands();
        T result = script.run(connection.sync(), keys, args);
        return new Acknowledged<>(result, connection.sync().waitForReplication(replicas, timeout.toMillis()));
    }

    @Override
    void ping() {
        commands().sync().ping();
    }

    @Override
    Subscriptions subscriptions() {
        return this;
    }

    @Override
    public synchronized @Nullable Future<?> syncChannel(String topic) {
        if (pubSub == null) {
            return null;
        }
        boolean wanted = listener.wantsTopic(topic);
        if (wanted && topics.add(topic)) {
            return pubSub.async().subscribe(bytes(topic));
        }
        if (!wanted && topics.remove(topic)) {
            pubSub.async().unsubscribe(bytes(topic));
        }
        return null;
    }

    /** Returns once Redis confirmed a new pattern subscription (or the command timeout passed). */
    @Override
    public void syncPattern(String glob) {
        RedisFuture<Void> subscribing = null;
        synchronized (this) {
            if (pubSub == null) {
                return;
            }
            boolean wanted = listener.wantsGlob(glob);
            if (wanted && globs.add(glob)) {
                subscribing = pubSub.async().psubscribe(bytes(glob));
            } else if (!wanted && globs.remove(glob)) {
                pubSub.async().punsubscribe(bytes(glob));
            }
        }
        awaitConfirmations(subscribing == null ? List.of() : List.of(subscribing),
                factory.getClientConfiguration().getCommandTimeout());
    }

    @Override
    public void maintain() {
        // Lettuce reconnects and subscribes again by itself once connected; connect() does the first time.
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    synchronized void close() {
        if (pubSub != null) {
            pubSub.close();
            pubSub = null;
        }
        if (commands != null) {
            commands.close();
            commands = null;
        }
    }
}
