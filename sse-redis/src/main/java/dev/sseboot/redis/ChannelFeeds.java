package dev.sseboot.redis;

import dev.sseboot.core.broker.SseBroker.Delivery;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Hands events to the hub on one thread: live announcements as they arrive, and after every
 * (re)subscription a catch-up read of each channel served here, so each event reaches the hub
 * once and in id order even when pub/sub lost some while the connection was down.
 *
 * <p>A channel is served while the hub has local subscribers on it. For each, this remembers the
 * last id it delivered; a catch-up reads the stream after that id (or, before the first delivery,
 * after where the stream stood when the channel opened here). Live announcements at or before the
 * last delivered id are dropped, and while a catch-up read is failing, live announcements of that
 * channel wait in the stream for the retry rather than overtake it.
 */
final class ChannelFeeds {

    private static final Logger log = LoggerFactory.getLogger(ChannelFeeds.class);

    /** Floor for a channel whose stream was empty when it opened: every later entry is newer. */
    private static final String BEFORE_ANY_ENTRY = "0-0";

    private final ChannelStreams streams;
    private final BooleanSupplier redisAvailable;
    private final ExecutorService deliveryThread;
    private final ConcurrentHashMap<String, Feed> feeds = new ConcurrentHashMap<>();
    private volatile @Nullable Delivery delivery;
    // Delivery thread only.
    private boolean catchUpFailing;

    ChannelFeeds(ChannelStreams streams, BooleanSupplier redisAvailable, ExecutorService deliveryThread) {
        this.streams = streams;
        this.redisAvailable = redisAvailable;
        this.deliveryThread = deliveryThread;
    }

    void start(Delivery target) {
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
        if (fresh[0] && feed != null) {
            feed.floorId = newestId(channel);
            feed.floorPending = false;
        }
    }

    /** The hub's last local subscriber on the channel left. */
    void closed(String channel) {
        feeds.compute(channel, (name, current) -> (current == null ? new Feed() : current).count(-1));
    }

    /** The newest id of the channel's stream, or {@code null} when Redis cannot tell now. */
    private @Nullable String newestId(String channel) {
        if (!redisAvailable.getAsBoolean()) {
            return null;
        }
        try {
            String newest = streams.readAfter(channel, "").newestId();
            return newest == null ? BEFORE_ANY_ENTRY : newest;
        } catch (DataAccessException e) {
            log.warn("Could not read where channel '{}' stands in Redis; a catch-up will start from the time it"
                    + " opened: {}", channel, e.toString());
            return null;
        }
    }

    /** A live announcement from pub/sub, in the order Redis sent it. */
    void announced(byte[] body) {
        onDeliveryThread(() -> deliverLive(body));
    }

    /** The subscription is (again) in place: read what pub/sub may have missed, channel by channel. */
    void resubscribed() {
        onDeliveryThread(() -> catchUp(feed -> true));
    }

    /** Retries the catch-up reads that failed. */
    void retryBehind() {
        if (feeds.values().stream().anyMatch(feed -> feed.behind)) {
            onDeliveryThread(() -> catchUp(feed -> feed.behind));
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

    private void deliverLive(byte[] body) {
        Announcement announcement;
        try {
            announcement = Announcement.parse(body);
        } catch (IllegalArgumentException e) {
            log.error("Skipping a message on the announcement topic that this broker did not write: {}", e.getMessage());
            return;
        }
        String channel = announcement.channel();
        StreamEntry entry = announcement.entry();
        Feed feed = feeds.get(channel);
        if (feed == null) {
            // Not served here (the hub drops it), or its first subscriber is arriving right now.
            delivery.deliver(channel, entry.message(), entry.position());
        } else if (!feed.behind) {
            deliverOnce(channel, feed, entry);
        }
    }

    /**
     * Catches up the chosen channels in turn. After the first failed read the others are only
     * marked for the retry, so an outage costs one command timeout here rather than one per channel.
     */
    private void catchUp(Predicate<Feed> chosen) {
        boolean failed = false;
        for (Map.Entry<String, Feed> served : feeds.entrySet()) {
            Feed feed = served.getValue();
            if (!chosen.test(feed)) {
                continue;
            }
            if (feed.floorPending) {
                // Its opening is still asking Redis where the stream stands, and live events flow
                // meanwhile: a catch-up now would have to guess the floor from the clock and could
                // deliver again what was delivered before the channel reopened.
                continue;
            }
            failed = failed || !caughtUp(served.getKey(), feed);
            feed.behind = failed;
        }
        if (!failed && catchUpFailing) {
            log.info("Caught up every channel from Redis");
            catchUpFailing = false;
        }
    }

    /** Delivers what the stream holds after the last event delivered here; false when Redis failed. */
    private boolean caughtUp(String channel, Feed feed) {
        try {
            String from = feed.lastId != null ? feed.lastId : feed.floorId;
            if (from == null) {
                from = openedOnRedisClock(feed);
                feed.floorId = from;
            }
            for (StreamEntry entry : streams.readAfter(channel, from).entries()) {
                deliverOnce(channel, feed, entry);
            }
            return true;
        } catch (DataAccessException e) {
            if (!catchUpFailing) {
                log.warn("Catching up from Redis failed; live events of the channels concerned wait in their streams"
                        + " for the next attempt: {}", e.toString());
                catchUpFailing = true;
            }
            return false;
        }
    }

    /**
     * The stream id of the moment the channel opened here, for a channel whose stream Redis could
     * not be asked about then: Redis's clock (which stamps the ids) minus the time since. The time
     * since is measured once the answer is in, and a millisecond more is taken off, so however long
     * the command took this errs early: at worst an event published just before the first
     * subscriber arrived is delivered too, never one after it skipped.
     */
    private String openedOnRedisClock(Feed feed) {
        long redisMillis = streams.redisTimeMillis();
        long sinceOpened = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - feed.openedNanos);
        return (redisMillis - sinceOpened - 1) + "-0";
    }

    private void deliverOnce(String channel, Feed feed, StreamEntry entry) {
        if (entry.position() <= feed.lastPosition) {
            return;
        }
        feed.lastPosition = entry.position();
        feed.lastId = entry.id();
        delivery.deliver(channel, entry.message(), entry.position());
    }

    void close() {
        deliveryThread.shutdownNow();
    }

    /** What this instance knows of one served channel. */
    private static final class Feed {
        /** Opens minus closes; guarded by the map's compute. */
        private int holders;
        private final long openedNanos = System.nanoTime();
        /** The newest id of the stream when the channel opened here, or null while unknown. */
        private volatile @Nullable String floorId;
        /** The opening is reading the floor from Redis right now. */
        private volatile boolean floorPending = true;
        /** Delivery thread only: the last event handed to the hub. */
        private @Nullable String lastId;
        private long lastPosition = -1;
        /** A catch-up read failed; live events wait in the stream for the retry. */
        private volatile boolean behind;

        /** This feed with the count changed, or null once no subscriber is left. */
        @Nullable Feed count(int change) {
            holders += change;
            return holders == 0 ? null : this;
        }
    }
}
