package dev.sseboot.redis.presence;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The presence topic on a Redis Cluster: {@code SPUBLISH} and {@code SSUBSCRIBE}, in the slot of
 * the presence keys, so changes travel only within the shard that stores presence, never over the
 * whole cluster bus. This instance subscribes on the master of that slot.
 *
 * <p>When that master dies, Lettuce would only keep reconnecting to it, so at the next heartbeat
 * after the subscription's connection dropped (whether it is back by then or not: the node it is
 * back on may be a replica now) the topology is read again and the subscription is made afresh on
 * the node that serves the slot now; the old connection is closed, so it never subscribes a second
 * time. The topology is also read again after any presence command failed, so that the
 * application's command connections follow the failover too.
 */
final class ShardedTopic implements PresenceTopic {

    private final LettuceConnectionFactory factory;
    private final byte[] topic;
    private final int slot;
    private @Nullable StatefulRedisClusterPubSubConnection<byte[], byte[]> pubSub; // guarded by this
    private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> node; // written under this
    private volatile boolean topologyStale;
    private volatile boolean dropped;
    /** Told of every connection of the application's client; written on Lettuce's threads, never blocking. */
    private final RedisConnectionStateListener dropWatch = new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (connection == node) {
                dropped = true;
            }
        }
    };
    private boolean watching; // guarded by this

    ShardedTopic(LettuceConnectionFactory factory, String topic) {
        this.factory = factory;
        this.topic = topic.getBytes(StandardCharsets.UTF_8);
        this.slot = SlotHash.getSlot(this.topic);
    }

    @Override
    public String publishCommand() {
        return "SPUBLISH";
    }

    @Override
    public synchronized void ensureSubscribed(Consumer<byte[]> receiver) {
        boolean down = node != null && (dropped || !node.isOpen());
        try {
            RedisClusterClient client = (RedisClusterClient) factory.getRequiredNativeClient();
            if (!watching) {
                client.addListener(dropWatch);
                watching = true;
            }
            if (topologyStale || down) {
                topologyStale = false;
                client.refreshPartitions();
            }
            if (node != null && !down) {
                return;
            }
            RedisClusterNode master = client.getPartitions().getMasterBySlot(slot);
            if (master == null) {
                throw new RedisException("No master serves slot " + slot + " in the cluster's topology");
            }
            closeConnection();
            dropped = false;
            pubSub = client.connectPubSub(ByteArrayCodec.INSTANCE);
            StatefulRedisPubSubConnection<byte[], byte[]> fresh = pubSub.getConnection(master.getNodeId());
            fresh.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void smessage(byte[] channel, byte[] message) {
                    receiver.accept(message);
                }
            });
            fresh.sync().ssubscribe(topic);
            node = fresh;
        } catch (RedisException e) {
            topologyStale = true;
            closeConnection();
            throw new RedisConnectionFailureException("Could not subscribe to the presence topic on the cluster", e);
        }
    }

    @Override
    public void redisFailed() {
        topologyStale = true;
    }

    @Override
    public synchronized void close() {
        if (watching) {
            ((RedisClusterClient) factory.getRequiredNativeClient()).removeListener(dropWatch);
            watching = false;
        }
        closeConnection();
    }

    private void closeConnection() {
        if (pubSub != null) {
            pubSub.close();
            pubSub = null;
        }
        node = null;
    }
}
