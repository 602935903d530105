package dev.sseboot.redis;

import dev.sseboot.core.broker.Replay;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.wire.SseMessage;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Carries events between instances through Redis: one stream per channel at
 * {@code {keyPrefix}{channel}} holds the replay history, and one pub/sub topic per channel, of the
 * same name, carries its new entries to the instances that serve it.
 *
 * <p><b>Routing.</b> An instance subscribes to the topic of each channel it has streams for (the
 * hub reports them through {@link #channelOpened}/{@link #channelClosed}) and to nothing else, so
 * what each instance receives from Redis scales with what it serves, not with everything that is
 * published. A channel's subscription is made when its first stream opens and dropped when its last
 * leaves; each confirmation of it catches up from the stream (the first from where it stood when
 * the channel opened, on Redis's clock, so an event stored while the opening is under way is not
 * skipped), so no event is lost or repeated at that seam. An open pattern ({@link #patternOpened}, such as {@code prices/*}) is a
 * {@code PSUBSCRIBE} to a glob that covers it, filtered exactly here (Redis's {@code *} also matches
 * {@code /}); it brings every event of every channel it covers, live only.
 *
 * <p><b>Redis Cluster.</b> With a cluster connection factory the keys and the publish script stay
 * within one slot (the channel is the hash tag: {@code {keyPrefix}{channel}}), and channel topics are
 * sharded pub/sub ({@code SSUBSCRIBE}/{@code SPUBLISH}, Redis 7), so an event travels only within
 * the shard that stores it. Patterns have no sharded form: while an instance has a pattern open it
 * subscribes to one sharded topic per slot, to which the publish script copies each event only
 * while that topic has a subscriber; so patterns cost nothing while none is open, and an instance
 * with one open receives every event and filters it. When a master fails, the subscriptions move
 * to the replica that takes over, and each catches up from the stream there.
 *
 * <p><b>Ids.</b> A publish appends to the channel's stream and announces the entry in one Lua
 * script. The stream id ({@code <ms>-<seq>}) is the event id: ids are assigned by Redis, increase
 * per channel across all instances, and an id the caller set on the message is replaced. The hub's
 * position is derived from the id ({@link StreamIds}). Each entry also carries its number in the
 * channel's history, so that a catch-up can tell whether entries it has not seen were trimmed.
 *
 * <p><b>Replay.</b> A Last-Event-ID that is an entry of the stream replays every newer entry. A
 * fresh stream on a channel without entries starts at a marker, {@code <ms>-1048575} for the
 * millisecond before Redis's clock, which no entry has; it replays every later entry as long as
 * the stream proves that none is gone: nothing was added since, or the marker is younger than
 * {@code sse.replay.ttl} and the stream is shorter than {@code sse.replay.size}. (A Redis restart
 * without persistence within the ttl, after events were published on such a channel, cannot be
 * told from a quiet channel.) Any other id (trimmed, expired, or not of the form
 * {@code <ms>-<seq>}) gets the gap event, which names the channel's position. A stream keeps at least the
 * replay size (Redis trims whole nodes, so a few more stay); entries older than the ttl are trimmed
 * at the next publish, and the key expires one ttl after the channel's last publish.
 * {@code sse.replay.max-bytes} and {@code sse.replay.max-total-bytes} do not apply: the history is in
 * Redis's memory, not this JVM's, and is bounded by the replay size times {@code sse.max-event-size}
 * per channel (which the hub enforces before a publish gets here) and by Redis's own
 * {@code maxmemory}.
 *
 * <p><b>Outages.</b> A publish or replay while Redis does not answer fails with
 * {@link SseBrokerException}; open streams stay open and keep their heartbeats. Lettuce reconnects
 * and subscribes again by itself; then every channel with local subscribers is caught up from the
 * stream after the last id delivered here, in order and without duplicates, before live delivery
 * goes on. When events left the history before an instance could catch up (an outage longer than
 * the replay window), the channel's open streams end with the short shutdown retry
 * ({@link Delivery#historyLost}) and their clients reconnect to the gap event: nothing is lost
 * silently. A Redis restart without persistence starts the history afresh; events stored between
 * the last read and the restart are gone with Redis's memory.
 *
 * <p><b>Durability.</b> A publish returns once the master stored the event. With
 * {@link ReplicaAcks} it also waits ({@code WAIT}) until that many replicas have it, and fails
 * with {@link SseBrokerException} when too few acknowledge in time (the event may then still be
 * delivered): an event whose publish returned survives the failure of its master, as long as a
 * replica that acknowledged it is the one promoted. Redis replication stays asynchronous otherwise.
 *
 * <p>Requires Lettuce (Spring Boot's default client); Redis 6.2 or newer, Redis 7 for a cluster.
 */
public final class RedisSseBroker implements SseBroker {

    private static final Logger log = LoggerFactory.getLogger(RedisSseBroker.class);
    private static final Duration MAX_SUBSCRIBE_WAIT = Duration.ofSeconds(5);

    private final RedisLink link;
    private final ChannelStreams streams;
    private final RedisProbe probe;
    private final ChannelFeeds feeds;
    private final ScheduledExecutorService probeThread;

    /**
     * A broker whose publishes wait for no replica.
     *
     * @param connectionFactory the application's Lettuce connection factory, standalone, Sentinel or cluster
     * @param keyPrefix prefix of the stream keys and topics (no braces: the channel is the hash tag)
     * @param replaySize entries each channel's stream keeps at least; 0 keeps none
     * @param replayTtl how long entries stay after a channel's last publish
     */
    public RedisSseBroker(RedisConnectionFactory connectionFactory, String keyPrefix, int replaySize,
            Duration replayTtl) {
        this(connectionFactory, keyPrefix, replaySize, replayTtl, ReplicaAcks.NONE);
    }

    /**
     * @param connectionFactory the application's Lettuce connection factory, standalone, Sentinel or cluster
     * @param keyPrefix prefix of the stream keys and topics (no braces: the channel is the hash tag)
     * @param replaySize entries each channel's stream keeps at least; 0 keeps none
     * @param replayTtl how long entries stay after a channel's last publish
     * @param replicaAcks how many replicas must have an event before its publish returns
     * @throws IllegalArgumentException for a factory that is not Lettuce's, or a prefix with braces
     */
    public RedisSseBroker(RedisConnectionFactory connectionFactory, String keyPrefix, int replaySize,
            Duration replayTtl, ReplicaAcks replicaAcks) {
        RedisKeys keys = new RedisKeys(keyPrefix);
        this.feeds = new ChannelFeeds(keys, this::isAvailable,
                Executors.newSingleThreadExecutor(daemon("sse-redis-delivery")), subscribeTimeout(connectionFactory));
        this.link = RedisLink.of(connectionFactory, keys, feeds);
        this.streams = new ChannelStreams(link, keys, replaySize, replayTtl, replicaAcks);
        this.probe = new RedisProbe(link);
        this.probeThread = Executors.newSingleThreadScheduledExecutor(daemon("sse-redis-probe"));
    }

    /**
     * How long a stream's opening waits for its channel's subscription: the application's command
     * timeout, at most {@link #MAX_SUBSCRIBE_WAIT} (Lettuce's default is a minute).
     */
    private static Duration subscribeTimeout(RedisConnectionFactory connectionFactory) {
        Duration command = connectionFactory instanceof LettuceConnectionFactory lettuce
                ? lettuce.getClientConfiguration().getCommandTimeout() : MAX_SUBSCRIBE_WAIT;
        return command.compareTo(MAX_SUBSCRIBE_WAIT) < 0 ? command : MAX_SUBSCRIBE_WAIT;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void start(Delivery delivery) {
        feeds.start(delivery, streams, link.subscriptions());
        try {
            link.connect();
        } catch (RedisException e) {
            log.warn("Redis cannot be reached at start-up; events from other instances arrive once it can: {}",
                    e.toString());
        }
        // Redis gets its grace period from now, not from construction: a slow application start-up
        // between the two would otherwise refuse the first publishes until the first ping.
        probe.started();
        probeThread.scheduleWithFixedDelay(this::probe, 0, RedisProbe.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every second: is Redis there, are the subscriptions in place, are failed catch-ups retried. */
    private void probe() {
        try {
            if (!probe.ping()) {
                return;
            }
            link.subscriptions().maintain();
            feeds.dropClosed();
            feeds.retryBehind();
        } catch (RedisException e) {
            log.debug("Redis upkeep failed; retrying in {}: {}", RedisProbe.INTERVAL, e.toString());
        }
    }

    /**
     * Appends the message to the channel's stream and announces it to the instances that serve the channel.
     *
     * @return the message with its stream id as id
     * @throws SseBrokerException when Redis does not answer, or too few replicas acknowledged in
     *     time; the event may then still have been stored if the failure came after Redis received
     *     it (a command timeout, a late replica)
     * @throws IllegalArgumentException for a message that has nothing but an id
     */
    @Override
    public SseMessage publish(String channel, SseMessage message) {
        requireAvailable("publish to", channel);
        try {
            return message.withId(streams.append(channel, message));
        } catch (RedisException e) {
            throw new SseBrokerException("Could not publish to channel '" + channel + "' through Redis", e);
        }
    }

    @Override
    public Replay replay(String channel, String lastEventId) {
        ChannelStreams.Position read = position(channel, StreamIds.isValid(lastEventId) ? lastEventId : "");
        long position = StreamIds.position(read.id());
        if (!read.resumable()) {
            return Replay.gap(read.id(), position);
        }
        List<SseMessage> events = read.entries().stream().map(StreamEntry::message).toList();
        return Replay.of(events, read.id(), position);
    }

    /** The newest entries of the channel's stream ({@code XREVRANGE … COUNT limit}), oldest first. */
    @Override
    public List<SseMessage> history(String channel, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative but was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        requireAvailable("read the history of", channel);
        try {
            return streams.newest(channel, limit).stream().map(StreamEntry::message).toList();
        } catch (RedisException e) {
            throw new SseBrokerException("Could not read the history of channel '" + channel + "' from Redis", e);
        }
    }

    /** The channel's newest stream id or, for a channel without entries, a marker every later entry is newer than. */
    @Override
    public Replay head(String channel) {
        String id = position(channel, "").id();
        return Replay.of(List.of(), id, StreamIds.position(id));
    }

    private ChannelStreams.Position position(String channel, String afterId) {
        requireAvailable("replay", channel);
        try {
            return streams.position(channel, afterId);
        } catch (RedisException e) {
            throw new SseBrokerException("Could not read the history of channel '" + channel + "' from Redis", e);
        }
    }

    private void requireAvailable(String action, String channel) {
        if (!probe.isAvailable()) {
            throw new SseBrokerException("Redis has not answered for " + probe.silence().toSeconds()
                    + " s; cannot " + action + " channel '" + channel + "'");
        }
    }

    @Override
    public void channelOpened(String channel) {
        feeds.opened(channel);
    }

    @Override
    public void channelClosed(String channel) {
        feeds.closed(channel);
    }

    /**
     * Subscribes to every channel the pattern matches, live.
     *
     * @throws IllegalArgumentException when it is not a channel pattern
     */
    @Override
    public void patternOpened(String pattern) {
        feeds.patternOpened(pattern);
    }

    @Override
    public void patternClosed(String pattern) {
        feeds.patternClosed(pattern);
    }

    /** Whether Redis answered within the last few seconds. */
    @Override
    public boolean isAvailable() {
        return probe.isAvailable();
    }

    @Override
    public void close() {
        probeThread.shutdownNow();
        link.close();
        feeds.close();
    }
}
