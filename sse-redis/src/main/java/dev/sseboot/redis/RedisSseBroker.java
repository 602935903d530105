package dev.sseboot.redis;

import dev.sseboot.core.broker.Replay;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.wire.SseMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Carries events between instances through Redis: one stream per channel at
 * {@code {keyPrefix}{channel}} holds the replay history, and one pub/sub topic,
 * {@code {keyPrefix}#announcements}, carries every new entry to every instance.
 *
 * <p><b>Ids.</b> A publish appends to the channel's stream and announces the entry in one Lua
 * script. The stream id ({@code <ms>-<seq>}) is the event id: ids are assigned by Redis, increase
 * per channel across all instances, and an id the caller set on the message is replaced. The hub's
 * position is derived from the id ({@link StreamIds}).
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
 * {@code maxmemory}. Trimming a stream by bytes would need a running byte count per stream kept
 * beside it in the Lua script; the count bound is simpler and what Redis trims natively.
 *
 * <p><b>Outages.</b> A publish or replay while Redis does not answer fails with
 * {@link SseBrokerException}; open streams stay open and keep their heartbeats. Lettuce reconnects
 * and subscribes again by itself; then every channel with local subscribers is caught up from the
 * stream after the last id delivered here, in order and without duplicates, before live delivery
 * goes on. Events that left the replay window before an instance could catch up cannot reach its
 * open streams (clients that reconnect get the gap event); a Redis restart without persistence
 * starts the history afresh, and ids keep increasing as long as the new server's clock is not
 * behind the old one's.
 *
 * <p>Requires Lettuce (Spring Boot's default client): Jedis blocks the subscribing thread.
 */
public final class RedisSseBroker implements SseBroker {

    private static final Logger log = LoggerFactory.getLogger(RedisSseBroker.class);

    private final ChannelStreams streams;
    private final RedisProbe probe;
    private final ChannelFeeds feeds;
    private final AnnouncementSubscription subscription;
    private final ScheduledExecutorService probeThread;
    // Probe thread only, after start.
    private boolean subscribeFailing;

    /**
     * @param connectionFactory the application's Lettuce connection factory
     * @param keyPrefix prefix of the stream keys and the announcement topic
     * @param replaySize entries each channel's stream keeps at least; 0 keeps none
     * @param replayTtl how long entries stay after a channel's last publish
     */
    public RedisSseBroker(RedisConnectionFactory connectionFactory, String keyPrefix, int replaySize,
            Duration replayTtl) {
        StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
        String topic = keyPrefix + "#announcements";
        this.streams = new ChannelStreams(redis, keyPrefix, topic, replaySize, replayTtl);
        this.probe = new RedisProbe(redis);
        this.feeds = new ChannelFeeds(streams, probe::isAvailable,
                Executors.newSingleThreadExecutor(daemon("sse-redis-delivery")));
        this.subscription = new AnnouncementSubscription(connectionFactory, topic, feeds);
        this.probeThread = Executors.newSingleThreadScheduledExecutor(daemon("sse-redis-probe"));
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
        feeds.start(delivery);
        try {
            subscription.ensureSubscribed();
        } catch (DataAccessException e) {
            log.warn("Redis cannot be reached at start-up; events from other instances arrive once it can: {}",
                    e.toString());
            subscribeFailing = true;
        }
        // Redis gets its grace period from now, not from construction: a slow application start-up
        // between the two would otherwise refuse the first publishes until the first ping.
        probe.started();
        probeThread.scheduleWithFixedDelay(this::probe, 0, RedisProbe.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every second: is Redis there, is the subscription in place, are failed catch-ups retried. */
    private void probe() {
        if (!probe.ping()) {
            return;
        }
        try {
            subscription.ensureSubscribed();
        } catch (DataAccessException e) {
            if (!subscribeFailing) {
                log.warn("Subscribing to Redis failed; retrying every {}: {}", RedisProbe.INTERVAL, e.toString());
            }
            subscribeFailing = true;
            return;
        }
        subscribeFailing = false;
        feeds.retryBehind();
    }

    /**
     * Appends the message to the channel's stream and announces it to every instance.
     *
     * @return the message with its stream id as id
     * @throws SseBrokerException when Redis does not answer; the event may then still have been
     *     stored if the failure came after Redis received it (a command timeout)
     * @throws IllegalArgumentException for a message that has nothing but an id
     */
    @Override
    public SseMessage publish(String channel, SseMessage message) {
        requireAvailable("publish to", channel);
        try {
            return message.withId(streams.append(channel, message));
        } catch (DataAccessException e) {
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
        } catch (DataAccessException e) {
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
        } catch (DataAccessException e) {
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

    /** Whether Redis answered within the last few seconds. */
    @Override
    public boolean isAvailable() {
        return probe.isAvailable();
    }

    @Override
    public void close() {
        probeThread.shutdownNow();
        subscription.close();
        feeds.close();
    }
}
