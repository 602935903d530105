package dev.sseboot.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Redis Cluster. Commands follow their first key's slot. A channel's topic is sharded pub/sub
 * ({@code SSUBSCRIBE}/{@code SPUBLISH}, Redis 7): its events travel only within the shard that
 * stores the channel's stream, and this instance subscribes to each channel on the master that
 * owns its slot, on a pub/sub connection to that node.
 *
 * <p>Sharded subscriptions are kept here rather than left to Lettuce: when a master fails, its
 * replica takes over the slots, and the subscriptions must move to that node, which Lettuce does
 * not do for node connections. Every second (and at once when a subscription fails) the topology
 * is read again when a node connection is down or dropped since, and every subscription whose slot
 * moved, or whose connection dropped, is made again on the slot's owner; its confirmation starts
 * the channel's catch-up from the stream. A dropped connection's subscriptions are always made
 * again: Lettuce resubscribes a reconnected node connection with one {@code SSUBSCRIBE} for all
 * its channels, which Redis refuses as soon as they span several slots, and the node it reconnected
 * to may be a replica by then.
 *
 * <p>Patterns: there is no sharded {@code PSUBSCRIBE}. While a pattern is open here, this instance
 * subscribes to one sharded topic per slot (16,384 subscriptions over the masters), to which the
 * publish script also sends each event, but only while that slot topic has a subscriber; the
 * instance then filters the events by its patterns.
 */
final class ClusterLink extends RedisLink implements Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(ClusterLink.class);

    private final LettuceConnectionFactory factory;
    private final RedisKeys keys;
    private final Subscriptions.Listener listener;
    private volatile @Nullable StatefulRedisClusterConnection<String, String> commands;
    private @Nullable StatefulRedisClusterPubSubConnection<byte[], byte[]> pubSub; // guarded by this
    /** Subscribed topics and where each was subscribed. Guarded by this. */
    private final Map<String, Placement> placed = new HashMap<>();
    /** How often each node connection of this link has dropped; written on Lettuce's threads, never blocking. */
    private final Map<Object, AtomicInteger> drops = new ConcurrentHashMap<>();
    private final RedisConnectionStateListener dropCounter = new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            AtomicInteger count = drops.get(connection);
            if (count != null) {
                count.incrementAndGet();
                topologyStale = true;
            }
        }
    };
    private boolean slotTopics; // guarded by this
    private volatile boolean topologyStale;

    ClusterLink(LettuceConnectionFactory factory, RedisKeys keys, Subscriptions.Listener listener) {
        this.factory = factory;
        this.keys = keys;
        this.listener = listener;
    }

    @Override
    boolean cluster() {
        return true;
    }

    private RedisClusterClient client() {
        return clusterClient(factory);
    }

    @Override
    synchronized void connect() {
        if (commands == null) {
            commands = client().connect(StringCodec.UTF8);
        }
        if (pubSub == null) {
            client().addListener(dropCounter);
            pubSub = client().connectPubSub(ByteArrayCodec.INSTANCE);
            listener.wantedTopics().forEach(this::syncChannel);
            if (listener.wantsPatterns()) {
                syncPattern("");
            }
        }
    }

    private StatefulRedisClusterConnection<String, String> commands() {
        StatefulRedisClusterConnection<String, String> connection = commands;
        if (connection == null) {
            connect();
            connection = commands;
        }
        return connection;
    }

    @Override
    <T> T run(LuaScript script, String[] keys, String... args) {
        try {
            return script.run(commands().sync(), keys, args);
        } catch (RedisException e) {
            topologyStale = true;
            throw e;
        }
    }

    @Override
    <T> Acknowledged<T> runAndWait(LuaScript script, int replicas, Duration timeout, String[] keys, String... args) {
        try {
            StatefulRedisConnection<String, String> node = nodeConnection(SlotHash.getSlot(keys[0]));
            T result = script.run(node.sync(), keys, args);
            return new Acknowledged<>(result, node.sync().waitForReplication(replicas, timeout.toMillis()));
        } catch (RedisException e) {
            topologyStale = true;
            throw e;
        }
    }

    /** A command connection to the master of the slot, as the client's topology has it. */
    private StatefulRedisConnection<String, String> nodeConnection(int slot) {
        RedisClusterNode master = client().getPartitions().getMasterBySlot(slot);
        if (master == null) {
            throw new RedisException("No master serves slot " + slot + " in the cluster's topology as last read");
        }
        return commands().getConnection(master.getNodeId());
    }

    /** Every master that owns slots answers; the topology is read again first when it may have changed. */
    @Override
    void ping() {
        refreshTopologyIfStale();
        try {
            for (RedisClusterNode node : slotOwners()) {
                commands().getConnection(node.getNodeId()).sync().ping();
            }
        } catch (RedisException e) {
            topologyStale = true;
            throw e;
        }
    }

    private List<RedisClusterNode> slotOwners() {
        return client().getPartitions().stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()).toList();
    }

    /** Reads the topology again after a failure or a drop, and while a subscription's connection is down. */
    private void refreshTopologyIfStale() {
        if (topologyStale || anySubscriptionDown()) {
            topologyStale = false;
            client().refreshPartitions();
        }
    }

    private synchronized boolean anySubscriptionDown() {
        return placed.values().stream().anyMatch(placement -> !placement.connection().isOpen());
    }

    private int dropsOf(StatefulRedisPubSubConnection<byte[], byte[]> connection) {
        AtomicInteger count = drops.get(connection);
        return count == null ? 0 : count.get();
    }

    @Override
    Subscriptions subscriptions() {
        return this;
    }

    @Override
    public synchronized @Nullable Future<?> syncChannel(String topic) {
        return syncTopic(topic);
    }

    /** Subscribes or unsubscribes as wanted; returns the subscription's confirmation when it subscribed. */
    private @Nullable RedisFuture<Void> syncTopic(String topic) {
        boolean wanted = keys.isSlotTopic(topic) ? slotTopics : listener.wantsTopic(topic);
        Placement current = placed.get(topic);
        if (wanted && current == null) {
            return place(topic);
        }
        if (!wanted && current != null) {
            placed.remove(topic);
            current.unsubscribe(topic);
        }
        return null;
    }

    /**
     * All open patterns share the slot topics: subscribed while any is open. Returns once Redis
     * confirmed them (or the command timeout passed), so that what is published afterwards reaches them.
     */
    @Override
    public void syncPattern(String glob) {
        List<RedisFuture<Void>> subscribing = new ArrayList<>();
        synchronized (this) {
            boolean wanted = listener.wantsPatterns();
            if (wanted == slotTopics || pubSub == null) {
                return;
            }
            slotTopics = wanted;
            for (int slot = 0; slot < RedisKeys.SLOTS; slot++) {
                RedisFuture<Void> placing = syncTopic(keys.slotTopic(slot));
                if (placing != null) {
                    subscribing.add(placing);
                }
            }
        }
        awaitConfirmations(subscribing, commandTimeout());
    }

    /** Subscribes on the master of the topic's slot; a failure leaves it for the next upkeep. */
    private @Nullable RedisFuture<Void> place(String topic) {
        if (pubSub == null) {
            return null;
        }
        RedisClusterNode master = client().getPartitions().getMasterBySlot(SlotHash.getSlot(topic));
        if (master == null) {
            topologyStale = true;
            return null;
        }
        StatefulRedisPubSubConnection<byte[], byte[]> node;
        try {
            node = pubSub.getConnection(master.getNodeId());
        } catch (RedisException e) {
            topologyStale = true;
            log.debug("Cannot reach the master of '{}' yet: {}", topic, e.toString());
            return null;
        }
        listen(node);
        Placement placement = new Placement(master.getNodeId(), node, dropsOf(node));
        placed.put(topic, placement);
        RedisFuture<Void> subscribing = node.async().ssubscribe(bytes(topic));
        subscribing.whenComplete((ignored, failure) -> {
            if (failure != null) {
                subscribeFailed(topic, placement, failure);
            }
        });
        return subscribing;
    }

    private Duration commandTimeout() {
        return factory.getClientConfiguration().getCommandTimeout();
    }

    private synchronized void subscribeFailed(String topic, Placement placement, Throwable failure) {
        if (placed.get(topic) == placement) {
            placed.remove(topic);
            topologyStale = true;
            log.debug("Subscribing to '{}' failed; retrying at the next upkeep: {}", topic, failure.toString());
        }
    }

    private void listen(StatefulRedisPubSubConnection<byte[], byte[]> node) {
        if (drops.putIfAbsent(node, new AtomicInteger()) != null) {
            return;
        }
        node.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void smessage(byte[] channel, byte[] message) {
                listener.message(message, keys.isSlotTopic(new String(channel, StandardCharsets.UTF_8)));
            }

            @Override
            public void ssubscribed(byte[] channel, long count) {
                listener.subscribed(new String(channel, StandardCharsets.UTF_8));
            }
        });
    }

    /**
     * Makes the subscriptions that failed before, moves every subscription whose slot has another
     * master now (in the topology as last read), and makes again every subscription whose connection
     * dropped and is back.
     */
    @Override
    public void maintain() {
        if (commands == null) {
            return;
        }
        refreshTopologyIfStale();
        synchronized (this) {
            List<String> moving = placed.entrySet().stream().filter(entry -> !entry.getValue().current(
                    client().getPartitions().getMasterBySlot(SlotHash.getSlot(entry.getKey())),
                    dropsOf(entry.getValue().connection()))).map(Map.Entry::getKey).toList();
            moving.forEach(topic -> {
                placed.remove(topic).unsubscribe(topic);
                place(topic);
            });
            listener.wantedTopics().forEach(this::syncChannel);
            if (slotTopics) {
                for (int slot = 0; slot < RedisKeys.SLOTS; slot++) {
                    syncChannel(keys.slotTopic(slot));
                }
            }
        }
    }

    /**
     * Where a topic was subscribed: a master, on this instance's pub/sub connection to it, which
     * had dropped that many times before.
     */
    private record Placement(String nodeId, StatefulRedisPubSubConnection<byte[], byte[]> connection, int drops) {

        /**
         * Whether the subscription stands, or will once its connection is back: its node still owns
         * the slot, and its connection has not come back from a drop since (Lettuce's resubscription
         * may have failed).
         */
        boolean current(@Nullable RedisClusterNode master, int dropsNow) {
            return master != null && master.getNodeId().equals(nodeId) && (dropsNow == drops || !connection.isOpen());
        }

        /** Unsubscribes where it stands; a connection that is down has nothing to unsubscribe until it is back. */
        void unsubscribe(String topic) {
            if (connection.isOpen()) {
                connection.async().sunsubscribe(bytes(topic));
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    synchronized void close() {
        client().removeListener(dropCounter);
        placed.clear();
        drops.clear();
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
