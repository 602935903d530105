package dev.sseboot.redis.presence;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.hub.ChannelNames;
import dev.sseboot.core.presence.ChannelPresence;
import dev.sseboot.core.presence.InstancePresence;
import dev.sseboot.core.presence.LocalStreams;
import dev.sseboot.core.presence.PresenceListener;
import dev.sseboot.core.presence.SsePresence;
import org.springframework.context.Phased;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * Presence of every instance that shares a Redis (and a key prefix).
 *
 * <p><b>Membership.</b> {@link #start()} registers this instance; it then beats every
 * {@code heartbeat} (Redis's clock decides), and an instance that has not beaten for
 * {@code expiry} is dropped by the next instance that beats: an instance killed without a word
 * (SIGKILL, a lost host) is out of {@link #instances()} within {@code expiry}, and its streams out
 * of the counts within {@code expiry + heartbeat}, as long as one instance is alive. {@link #close()}
 * takes this instance out at once. An instance cut off from Redis for longer than {@code expiry}
 * looks exactly like a dead one to the others (its streams stay open and local); once it reaches
 * Redis again it registers afresh and its streams are counted again.
 *
 * <p><b>Cost.</b> A heartbeat is two short scripts, whatever the number of streams. A stream that
 * opens or closes marks its channel; one thread writes each marked channel's difference in one
 * script (bursts collapse into one write), so Redis work follows changes, not streams. Reads are one
 * script per channel, one hash read for {@link #channels()}, one read per instance for
 * {@link #instances()}.
 *
 * <p><b>Consistency.</b> Counts are sums every instance adds its share to, so they are eventually
 * consistent: a change shows everywhere once its instance has written it (normally within
 * milliseconds). Each channel names at most {@link LocalStreams#maxPrincipals()} users fleet-wide,
 * first come, first named; streams of users beyond are counted as unnamed.
 *
 * <p><b>Changes.</b> Listeners hear of changes on every instance, this one included, on one thread
 * of their own and in the order Redis delivered them; changes announced while this instance's
 * subscription was down are missed (the counts are not). A burst of changes of one user on one
 * instance may arrive as one change.
 *
 * <p><b>Redis Cluster.</b> Every presence key and the topic of changes carry one hash tag, so they
 * live in one slot: each script stays on one shard, and changes are sharded pub/sub
 * ({@code SPUBLISH}/{@code SSUBSCRIBE}) that never crosses the cluster bus. When the master of that
 * slot dies, every instance subscribes on the replica that took over within a heartbeat of noticing;
 * writes that the replica had not received yet are noticed at the next heartbeat (Redis counts the
 * writes it applied) and written again, so the counts return to the streams that are open.
 *
 * <p>Reads throw {@link SseBrokerException} when Redis does not answer. Requires Lettuce, as the
 * Redis broker does (Jedis would block a thread per subscription).
 */
public final class RedisSsePresence implements SsePresence, SmartLifecycle, AutoCloseable {

    /** How often an instance renews its membership by default. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);

    /** How long an instance stays a member without renewing it by default: three heartbeats. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(6);

    private enum State { NEW, RUNNING, CLOSED }

    private final LocalStreams local;
    private final PresenceStore store;
    private final FleetMembership membership;
    private final FleetNotifications notifications;
    private final int phase;
    private State state = State.NEW; // guarded by this

    /**
     * @param local this instance's streams (a listener of its hub)
     * @param connectionFactory the application's Lettuce connection factory, standalone, Sentinel or cluster
     * @param keyPrefix prefix of the presence keys and topic, as of the broker's ({@code sse.redis.key-prefix})
     * @param heartbeat how often this instance renews its membership
     * @param expiry how long the fleet counts an instance that stopped renewing; longer than {@code heartbeat}
     */
    public RedisSsePresence(LocalStreams local, RedisConnectionFactory connectionFactory, String keyPrefix,
            Duration heartbeat, Duration expiry) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("The presence heartbeat must be positive, not " + heartbeat);
        }
        if (expiry.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("The presence expiry (" + expiry + ") must be longer than its"
                    + " heartbeat (" + heartbeat + "), or instances drop out between two beats");
        }
        this.local = Objects.requireNonNull(local, "local");
        PresenceKeys keys = PresenceKeys.of(keyPrefix);
        PresenceTopic topic = PresenceTopic.of(connectionFactory, keys.topic());
        this.store = new PresenceStore(new StringRedisTemplate(connectionFactory), keys, topic.publishCommand());
        this.notifications = new FleetNotifications(topic);
        this.membership = new FleetMembership(store, notifications, local, heartbeat, expiry);
        // Starts after the connection factory and stops before it closes its connections.
        this.phase = connectionFactory instanceof Phased phased ? phased.getPhase() + 1 : 0;
    }

    /**
     * Joins the fleet on a thread of its own, at once: subscribes to changes, registers, and beats
     * from then on. A Redis that is not there yet is tried again at every heartbeat.
     *
     * @throws IllegalStateException once closed
     */
    @Override
    public synchronized void start() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("This presence has left the fleet; create a new one");
        }
        if (state == State.NEW) {
            membership.start();
            state = State.RUNNING;
        }
    }

    /** Same as {@link #close()}. */
    @Override
    public void stop() {
        close();
    }

    /** Leaves the fleet at once: this instance's streams leave every count and are announced. Idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.RUNNING) {
            membership.leave();
        }
        state = State.CLOSED;
    }

    @Override
    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    @Override
    public String instanceId() {
        return local.instanceId();
    }

    @Override
    public ChannelPresence channel(String channel) {
        ChannelNames.requireValid(channel);
        return read("the presence of channel '" + channel + "'", () -> store.channel(channel));
    }

    @Override
    public SortedMap<String, Integer> channels() {
        return read("the channels with streams", store::channels);
    }

    @Override
    public List<InstancePresence> instances() {
        return read("the instances alive", store::instances);
    }

    private static <T> T read(String what, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (DataAccessException e) {
            throw new SseBrokerException("Could not read " + what + " from Redis", e);
        }
    }

    @Override
    public void addListener(PresenceListener listener) {
        notifications.addListener(listener);
    }

    @Override
    public void removeListener(PresenceListener listener) {
        notifications.removeListener(listener);
    }
}
