package dev.sseboot.redis.presence;

import dev.sseboot.core.presence.ChannelPresence;
import dev.sseboot.core.presence.LocalStreams;
import dev.sseboot.core.presence.PresenceChange;
import dev.sseboot.core.presence.PresenceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps this instance's share of presence in Redis: subscribes to the fleet's changes and registers
 * it, beats every heartbeat interval (and clears instances whose time ran out), and writes the
 * channels whose streams changed.
 *
 * <p>Everything that talks to Redis runs on one thread, so writes never race each other and a slow
 * Redis never holds up the threads that open and close streams: those only mark the channel as
 * changed. A channel is written as the difference between its streams now and what Redis was last
 * told, so a burst of opens and closes costs one write, and a write that failed is simply made
 * again later. When Redis says this instance is no member any more (it could not beat for longer
 * than the expiry: an outage, a partition, a long pause), it registers again and writes every
 * channel afresh.
 *
 * <p>Redis counts the writes it applied since the instance registered, and every heartbeat compares
 * that count with the writes the instance made. They differ when a failover promoted a replica that
 * had not received the last writes (replication is asynchronous), or when a write timed out on the
 * instance's side but was applied: the instance then registers again and writes every channel
 * afresh, so the fleet's sums never drift from the streams that are open.
 */
final class FleetMembership {

    private static final Logger log = LoggerFactory.getLogger(FleetMembership.class);
    private static final Duration MAX_LEAVE_WAIT = Duration.ofSeconds(5);

    private final PresenceStore store;
    private final FleetNotifications notifications;
    private final LocalStreams local;
    private final Duration heartbeat;
    private final Duration expiry;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-presence");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean writeQueued = new AtomicBoolean();
    private final PresenceListener localChanges = new PresenceListener() {
        @Override
        public void subscribed(PresenceChange change) {
            channelChanged(change.channel());
        }

        @Override
        public void unsubscribed(PresenceChange change) {
            channelChanged(change.channel());
        }
    };
    private volatile boolean leaving;

    // Worker thread only.
    private final Map<String, ChannelPresence> written = new HashMap<>();
    private long writes; // applied by Redis since this instance registered, as far as it knows
    private boolean registered;
    private boolean failing;

    FleetMembership(PresenceStore store, FleetNotifications notifications, LocalStreams local, Duration heartbeat,
            Duration expiry) {
        this.store = store;
        this.notifications = notifications;
        this.local = local;
        this.heartbeat = heartbeat;
        this.expiry = expiry;
    }

    void start() {
        local.addListener(localChanges);
        worker.scheduleWithFixedDelay(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void channelChanged(String channel) {
        changed.add(channel);
        queueWrite();
    }

    private void queueWrite() {
        if (leaving || !writeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::writeChanged);
        } catch (RejectedExecutionException e) {
            log.debug("Presence is leaving the fleet; what changed since stays local");
        }
    }

    private void beat() {
        try {
            notifications.ensureSubscribed();
            long held = registered ? store.heartbeat(local.instanceId(), expiry) : PresenceStore.NOT_A_MEMBER;
            if (held == PresenceStore.NOT_A_MEMBER) {
                register();
            } else if (held != writes) {
                log.warn("Redis holds {} of the {} presence writes this instance made (a failover to a replica that"
                        + " had not received them, or a write that timed out); writing its streams again", held, writes);
                register();
            }
            store.clearLost();
            writeAll();
            if (failing) {
                log.info("Presence reaches Redis again");
                failing = false;
            }
        } catch (DataAccessException e) {
            failed(e);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep beating.
            log.error("Presence heartbeat failed", e);
        }
    }

    private void writeChanged() {
        writeQueued.set(false);
        if (!registered) {
            return; // the next beat registers and writes everything
        }
        try {
            writeAll();
        } catch (DataAccessException e) {
            failed(e);
        }
    }

    private void register() {
        store.register(local.instanceId(), local.host(), local.started(), expiry);
        registered = true;
        writes = 0;
        written.clear();
        changed.addAll(local.channels().keySet());
    }

    private void writeAll() {
        for (String channel : List.copyOf(changed)) {
            changed.remove(channel);
            try {
                write(channel);
            } catch (RuntimeException e) {
                changed.add(channel);
                throw e;
            }
        }
    }

    private void write(String channel) {
        ChannelPresence now = local.channel(channel);
        ChannelDelta delta = ChannelDelta.between(written.getOrDefault(channel, ChannelPresence.empty(channel)), now);
        if (delta.isEmpty()) {
            return;
        }
        if (!store.adjust(local.instanceId(), delta, local.maxPrincipals())) {
            log.info("This instance had dropped out of the fleet's presence (no heartbeat reached Redis for {});"
                    + " joining again", expiry);
            register();
            queueWrite();
            return;
        }
        writes++;
        if (now.streams() == 0) {
            written.remove(channel);
        } else {
            written.put(channel, now);
        }
    }

    private void failed(DataAccessException e) {
        notifications.redisFailed();
        if (!failing) {
            log.warn("Presence cannot reach Redis; the other instances stop counting this one's streams after {}"
                    + " and count them again once Redis answers: {}", expiry, e.toString());
            failing = true;
        }
    }

    /**
     * Stops writing, takes everything this instance held out of Redis at once, announcing it, and
     * ends the subscription. Waits a few seconds at most for a write under way.
     */
    void leave() {
        leaving = true;
        local.removeListener(localChanges);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(MAX_LEAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("A presence write to Redis did not end within {}; leaving the fleet anyway", MAX_LEAVE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.leave(local.instanceId());
        } catch (DataAccessException e) {
            log.warn("Could not leave the fleet's presence in Redis; the other instances drop this one within {}: {}",
                    expiry.plus(heartbeat), e.toString());
        }
        notifications.stop();
    }
}
