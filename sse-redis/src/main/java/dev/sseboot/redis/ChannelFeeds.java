package dev.sseboot.redis;

import dev.sseboot.core.broker.SseBroker.Delivery;
import io.lettuce.core.RedisException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Routes events to the hub per channel: subscribes to the topic of each channel with local
 * subscribers (and to what carries each open pattern), and hands events to the hub on one thread,
 * each once and in id order per channel.
 *
 * <p>A channel's feed starts when its first local subscriber arrives, and ends (with its
 * subscription) a grace period after its last one left: the feed reads where the stream stood
 * when the channel opened here (its floor, taken on Redis's clock and erring early, so an event
 * stored while the opening's reads are on their way is not taken for an older one: the hub counts
 * the subscriber before it tells the broker, and a publish may land in between), then subscribes
 * to the channel's topic and waits for Redis to confirm it, so the subscriber's stream goes live
 * with the subscription in place. Every confirmation of that subscription, the first and each
 * one after a reconnect or a move to another cluster node, starts a catch-up that reads the stream
 * after the last event delivered here (or after the floor); live events of the channel are handed
 * on only once a catch-up has run, and those at or before the last delivered id are dropped. So
 * at each seam (subscribe, reconnect, failover) every event is delivered once: from the stream
 * what came before the confirmation, live what came after.
 *
 * <p>When a catch-up finds that events after the last delivered one were trimmed from the stream
 * before this instance could read them, it tells the hub ({@link Delivery#historyLost}), which ends
 * the channel's streams so their clients reconnect and get the gap event, and goes on from the
 * newest entry.
 *
 * <p>Patterns are live only: an event that arrives through a pattern is handed on at once for a
 * channel without a feed here, and through the feed's order otherwise.
 */
final class ChannelFeeds implements Subscriptions.Listener {

    private static final Logger log = LoggerFactory.getLogger(ChannelFeeds.class);
    /** How long a feed outlives its last subscriber. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final RedisKeys keys;
    private final Duration subscribeTimeout;
    private final BooleanSupplier redisAvailable;
    private final ExecutorService deliveryThread;
    private final ConcurrentHashMap<String, Feed> feeds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PatternHold> patterns = new ConcurrentHashMap<>();
    private volatile @Nullable Delivery delivery;
    private volatile @Nullable ChannelStreams streams;
    private volatile @Nullable Subscriptions subscriptions;
    // Delivery thread only.
    private boolean catchUpFailing;
    private @Nullable String lastPatternChannel;
    private @Nullable String lastPatternId;

    ChannelFeeds(RedisKeys keys, BooleanSupplier redisAvailable, ExecutorService deliveryThread,
            Duration subscribeTimeout) {
        this.keys = keys;
        this.subscribeTimeout = subscribeTimeout;
        this.redisAvailable = redisAvailable;
        this.deliveryThread = deliveryThread;
    }

    void start(Delivery target, ChannelStreams channelStreams, Subscriptions channelSubscriptions) {
        this.streams = channelStreams;
        this.subscriptions = channelSubscriptions;
        this.delivery = target;
    }

    /**
     * The hub has local subscribers on the channel now. Opens and closes are counted rather than
     * trusted to arrive in order: the hub may report a channel's reopening before its closing.
     */
    void opened(String channel) {
        boolean[] fresh = new boolean[1];
        Feed feed = feeds.compute(channel, (name, current) -> {
            fresh[0] = current == null;
            return (current == null ? new Feed() : current).count(1);
        });
        if (fresh[0]) {
            feed.setFloor(readFloor(channel, feed));
        }
        Future<?> subscribing = subscriptions.syncChannel(keys.topic(channel));
        if (subscribing != null && redisAvailable.getAsBoolean()) {
            // Live from the confirmation on: what is published after this returns arrives here.
            // While Redis is away the subscription waits in Lettuce's queue and its confirmation
            // brings the catch-up.
            RedisLink.awaitConfirmations(List.of(subscribing), subscribeTimeout);
        }
    }

    /**
     * The hub's last local subscriber on the channel left. The feed stays for a grace period
     * ({@link #dropClosed}): a close the hub reports after the reopening it preceded must not cut
     * the feed in between, or events published meanwhile would be skipped by the fresh floor.
     */
    void closed(String channel) {
        feeds.compute(channel, (name, current) -> (current == null ? new Feed() : current).count(-1));
    }

    /** Drops the feeds (and their subscriptions) that have had no subscriber for the grace period. */
    void dropClosed() {
        long now = System.nanoTime();
        feeds.forEach((channel, feed) -> {
            if (feed.closedLongerThan(CLOSE_GRACE, now)) {
                feeds.computeIfPresent(channel, (name, current) -> current.closedLongerThan(CLOSE_GRACE, now) ? null
                        : current);
                subscriptions.syncChannel(keys.topic(channel));
            }
        });
    }

    /**
     * The hub has local subscribers on the pattern now.
     *
     * @throws IllegalArgumentException when it is not a channel pattern
     */
    void patternOpened(String pattern) {
        ChannelPattern parsed = ChannelPattern.of(pattern);
        patterns.compute(pattern, (text, current) -> (current == null ? new PatternHold(parsed, keys.glob(parsed))
                : current).count(1));
        subscriptions.syncPattern(keys.glob(parsed));
    }

    void patternClosed(String pattern) {
        PatternHold[] left = new PatternHold[1];
        patterns.computeIfPresent(pattern, (text, current) -> {
            left[0] = current;
            return current.count(-1);
        });
        if (left[0] != null) {
            subscriptions.syncPattern(left[0].glob());
        }
    }

    /** Where the channel's stream stood when it opened here, or {@code null} when Redis cannot tell now. */
    private ChannelStreams.@Nullable Floor readFloor(String channel, Feed feed) {
        if (!redisAvailable.getAsBoolean()) {
            return null;
        }
        try {
            return floorAtOpening(channel, feed);
        } catch (RedisException e) {
            log.warn("Could not read where channel '{}' stands in Redis; a catch-up will start from the time it"
                    + " opened: {}", channel, e.toString());
            return null;
        }
    }

    @Override
    public boolean wantsTopic(String topic) {
        String channel = keys.channelOf(topic);
        return channel != null && feeds.containsKey(channel);
    }

    @Override
    public boolean wantsGlob(String glob) {
        return patterns.values().stream().anyMatch(hold -> hold.glob().equals(glob));
    }

    @Override
    public boolean wantsPatterns() {
        return !patterns.isEmpty();
    }

    @Override
    public Set<String> wantedTopics() {
        return feeds.keySet().stream().map(keys::topic).collect(Collectors.toSet());
    }

    @Override
    public Set<String> wantedGlobs() {
        return patterns.values().stream().map(PatternHold::glob).collect(Collectors.toSet());
    }

    @Override
    public void message(byte[] body, boolean viaPattern) {
        onDeliveryThread(() -> deliverLive(body, viaPattern));
    }

    @Override
    public void subscribed(String topic) {
        String channel = keys.channelOf(topic);
        if (channel != null) {
            onDeliveryThread(() -> catchUp(channel));
        }
    }

    /** Retries the catch-ups that failed or never ran (Redis was away when the channel opened). */
    void retryBehind() {
        if (feeds.values().stream().anyMatch(Feed::waitsForCatchUp)) {
            onDeliveryThread(() -> feeds.forEach((channel, feed) -> {
                if (feed.waitsForCatchUp()) {
                    catchUp(channel);
                }
            }));
        }
    }

    private void onDeliveryThread(Runnable task) {
        deliveryThread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The thread must go on with the next events; this one is lost for live streams, so say so.
                log.error("Delivering an event from Redis failed", e);
            }
        });
    }

    private void deliverLive(byte[] body, boolean viaPattern) {
        Announcement announcement;
        try {
            announcement = Announcement.parse(body);
        } catch (IllegalArgumentException e) {
            log.error("Skipping a message on an event topic that this broker did not write: {}", e.getMessage());
            return;
        }
        String channel = announcement.channel();
        StreamEntry entry = announcement.entry();
        Feed feed = feeds.get(channel);
        if (!viaPattern) {
            // Without a feed the channel closed meanwhile; before its catch-up the stream has the event.
            if (feed != null && feed.live) {
                deliverOnce(channel, feed, entry);
            }
            return;
        }
        if (patterns.values().stream().noneMatch(hold -> hold.pattern().matches(channel))) {
            return;
        }
        if (feed == null) {
            deliverFromPattern(channel, entry);
        } else if (feed.live) {
            deliverOnce(channel, feed, entry);
        } else if (!feed.floorPending && entry.position() <= feed.floorPosition && entry.position() > feed.lastPosition) {
            // Older than where the feed's catch-up starts, so only the pattern brings it.
            feed.lastPosition = entry.position();
            delivery.deliver(channel, entry.message(), entry.position());
        }
    }

    /** Overlapping patterns bring one event once per pattern, one right after the other: deliver it once. */
    private void deliverFromPattern(String channel, StreamEntry entry) {
        if (channel.equals(lastPatternChannel) && entry.id().equals(lastPatternId)) {
            return;
        }
        lastPatternChannel = channel;
        lastPatternId = entry.id();
        delivery.deliver(channel, entry.message(), entry.position());
    }

    /** Delivers what the stream holds after the last event delivered here, then lets live events through. */
    private void catchUp(String channel) {
        Feed feed = feeds.get(channel);
        if (feed == null || feed.floorPending) {
            // Its opening is still asking Redis where the stream stands; it subscribes after that,
            // and the confirmation brings the catch-up.
            return;
        }
        try {
            if (feed.lastId == null) {
                feed.setFloor(floorAtOpening(channel, feed));
            }
            ChannelStreams.CatchUp read = streams.catchUp(channel, feed.lastId, feed.lastSequence);
            if (read.lost()) {
                log.warn("Events of channel '{}' after {} were trimmed from its Redis stream before this instance could"
                        + " read them; its streams here end so that their clients reconnect and get the gap event",
                        channel, feed.lastId);
                delivery.historyLost(channel);
                if (read.newestId() != null) {
                    feed.lastId = read.newestId();
                    feed.lastPosition = StreamIds.position(read.newestId());
                }
                feed.lastSequence = read.sequence();
            } else {
                read.entries().forEach(entry -> deliverOnce(channel, feed, entry));
                if (read.entries().isEmpty()) {
                    feed.lastSequence = read.sequence();
                }
            }
            feed.live = true;
            if (catchUpFailing && feeds.values().stream().noneMatch(Feed::waitsForCatchUp)) {
                log.info("Caught up every channel from Redis");
                catchUpFailing = false;
            }
        } catch (RedisException e) {
            feed.live = false;
            if (!catchUpFailing) {
                log.warn("Catching up from Redis failed; live events of the channels concerned wait in their streams"
                        + " for the next attempt: {}", e.toString());
                catchUpFailing = true;
            }
        }
    }

    /**
     * Where the channel's stream stood at the moment it opened here, whenever Redis is asked (at
     * once, or once it is back): Redis's clock (which stamps the ids) minus the time since. The
     * time since is measured once the answer is in and rounded up, and a millisecond and a
     * hundredth of it more are taken off (Redis's wall clock and this JVM's monotonic one may drift
     * apart that much meanwhile), so this errs early: at worst an event stored just before the
     * first subscriber arrived is delivered too, never one stored after it skipped.
     *
     * @throws RedisException when Redis does not answer
     */
    private ChannelStreams.Floor floorAtOpening(String channel, Feed feed) {
        long redisMillis = streams.redisTimeMillis(channel);
        long sinceOpened = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - feed.openedNanos) + 1;
        return streams.floor(channel, redisMillis - sinceOpened - 1 - sinceOpened / 100);
    }

    private void deliverOnce(String channel, Feed feed, StreamEntry entry) {
        if (entry.position() <= feed.lastPosition) {
            return;
        }
        feed.lastPosition = entry.position();
        feed.lastId = entry.id();
        feed.lastSequence = entry.sequence();
        delivery.deliver(channel, entry.message(), entry.position());
    }

    void close() {
        deliveryThread.shutdownNow();
    }

    /** What this instance knows of one served channel. */
    private static final class Feed {
        /** Opens minus closes; changed in the map's compute only. */
        private volatile int holders;
        /** When the count last fell to zero. */
        private volatile long closedNanos;
        private final long openedNanos = System.nanoTime();
        /** The opening is reading the floor from Redis right now. */
        private volatile boolean floorPending = true;
        /** The position of the floor, after every entry stored before the channel opened here. */
        private volatile long floorPosition = -1;
        /** The last event handed to the hub, or the floor before the first; null while unknown. */
        private volatile @Nullable String lastId;
        /** The sequence number of {@link #lastId}, or -1 when unknown. */
        private volatile long lastSequence = -1;
        /** Delivery thread only: the position of the last event handed to the hub. */
        private long lastPosition = -1;
        /** A catch-up has run since the last failure, so live events go straight through. */
        private volatile boolean live;

        void setFloor(ChannelStreams.@Nullable Floor floor) {
            if (floor != null) {
                lastId = floor.id();
                lastSequence = floor.sequence();
                floorPosition = StreamIds.position(floor.id());
            }
            floorPending = false;
        }

        boolean waitsForCatchUp() {
            return !live && !floorPending;
        }

        /** This feed with the count changed; it stays with none left until {@link #dropClosed}. */
        Feed count(int change) {
            holders += change;
            if (holders == 0) {
                closedNanos = System.nanoTime();
            }
            return this;
        }

        boolean closedLongerThan(Duration grace, long nowNanos) {
            return holders == 0 && nowNanos - closedNanos >= grace.toNanos();
        }
    }

    /** An open pattern and how many times it is open. */
    private static final class PatternHold {
        private final ChannelPattern pattern;
        private final String glob;
        /** Guarded by the map's compute. */
        private int holders;

        PatternHold(ChannelPattern pattern, String glob) {
            this.pattern = pattern;
            this.glob = glob;
        }

        ChannelPattern pattern() {
            return pattern;
        }

        String glob() {
            return glob;
        }

        @Nullable PatternHold count(int change) {
            holders += change;
            return holders == 0 ? null : this;
        }
    }
}
