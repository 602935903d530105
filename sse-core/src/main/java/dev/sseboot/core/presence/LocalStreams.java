package dev.sseboot.core.presence;

import dev.sseboot.core.hub.ChannelNames;
import dev.sseboot.core.hub.CloseReason;
import dev.sseboot.core.hub.SseHubListener;
import dev.sseboot.core.hub.Subscription;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This instance's streams by channel and user, counted from the hub's {@code subscribed} and
 * {@code closed} callbacks (register it as a listener of the hub), and who this instance is. Every
 * presence implementation reads this instance's share from here.
 *
 * <p>Each channel names at most {@code maxPrincipals} users, first come, first named: a user
 * is named from the stream that finds a free place until their last stream closes; streams of
 * users who found none count as unnamed. So the names never change behind a reader's back, and a
 * channel with a million users holds a bounded list of names.
 */
public final class LocalStreams implements SseHubListener {

    private static final Logger log = LoggerFactory.getLogger(LocalStreams.class);

    private final String instanceId;
    private final String host;
    private final Instant started;
    private final int maxPrincipals;
    private final ConcurrentHashMap<String, Tally> channels = new ConcurrentHashMap<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param instanceId this instance's id in the fleet; a single line
     * @param maxPrincipals the users named per channel; at least 1
     */
    public LocalStreams(String instanceId, String host, Instant started, int maxPrincipals) {
        if (instanceId.isEmpty() || instanceId.indexOf('\n') >= 0 || instanceId.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("The instance id must be a non-empty single line: '" + instanceId + "'");
        }
        if (maxPrincipals < 1) {
            throw new IllegalArgumentException("maxPrincipals must be at least 1, not " + maxPrincipals);
        }
        this.instanceId = instanceId;
        this.host = Objects.requireNonNull(host, "host");
        this.started = Objects.requireNonNull(started, "started");
        this.maxPrincipals = maxPrincipals;
    }

    /** For this process: its host name, an id of host, process id and a random part (unique across restarts), now. */
    public static LocalStreams create(int maxPrincipals) {
        String host = hostName();
        String id = host + ":" + ProcessHandle.current().pid() + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
        return new LocalStreams(id, host, Instant.now(), maxPrincipals);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            log.debug("The local host name cannot be resolved; presence names this instance 'localhost': {}",
                    e.toString());
            return "localhost";
        }
    }

    public String instanceId() {
        return instanceId;
    }

    public String host() {
        return host;
    }

    public Instant started() {
        return started;
    }

    /** The users named per channel at most. */
    public int maxPrincipals() {
        return maxPrincipals;
    }

    /** Streams open on this instance. */
    public int streams() {
        return streams.get();
    }

    /** This instance's streams on the channel. */
    public ChannelPresence channel(String channel) {
        ChannelNames.requireValid(channel);
        Tally tally = channels.get(channel);
        return tally == null ? ChannelPresence.empty(channel) : tally.snapshot(channel);
    }

    /** The channels with streams on this instance, with their stream counts. */
    public SortedMap<String, Integer> channels() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        channels.forEach((name, tally) -> {
            int count = tally.streams();
            if (count > 0) {
                counts.put(name, count);
            }
        });
        return counts;
    }

    /** Hears of every stream of this instance that opens or closes, on the thread that opened or closed it. */
    public void addListener(PresenceListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(PresenceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void subscribed(Subscription subscription) {
        int[] now = new int[1];
        channels.compute(subscription.channel(), (name, tally) -> {
            Tally target = tally == null ? new Tally() : tally;
            now[0] = target.add(subscription.user(), maxPrincipals);
            return target;
        });
        streams.incrementAndGet();
        PresenceChange change = new PresenceChange(subscription.channel(), subscription.user(), instanceId, now[0]);
        for (PresenceListener listener : listeners) {
            notify(listener, () -> listener.subscribed(change));
        }
    }

    @Override
    public void closed(Subscription subscription, CloseReason reason) {
        int[] now = new int[1];
        channels.computeIfPresent(subscription.channel(), (name, tally) -> {
            now[0] = tally.remove(subscription.user());
            return now[0] == 0 ? null : tally;
        });
        streams.decrementAndGet();
        PresenceChange change = new PresenceChange(subscription.channel(), subscription.user(), instanceId, now[0]);
        for (PresenceListener listener : listeners) {
            notify(listener, () -> listener.unsubscribed(change));
        }
    }

    private static void notify(PresenceListener listener, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("Presence listener {} failed", listener, e);
        }
    }

    /**
     * One channel's streams. Changed inside the map's {@code compute} (one writer per channel at a
     * time) and read by snapshots from any thread, hence the monitor.
     */
    private static final class Tally {
        private int streams;
        private int anonymous;
        /** Every user's streams, so that a user who is named later is named with all of them. */
        private final Map<String, Integer> users = new HashMap<>();
        /** The named users, at most the cap, in the order they were named. */
        private final Map<String, Integer> named = new LinkedHashMap<>();

        synchronized int add(@Nullable String user, int maxPrincipals) {
            streams++;
            if (user == null) {
                anonymous++;
                return streams;
            }
            int count = users.merge(user, 1, Integer::sum);
            if (named.containsKey(user) || named.size() < maxPrincipals) {
                named.put(user, count);
            }
            return streams;
        }

        synchronized int remove(@Nullable String user) {
            streams--;
            if (user == null) {
                anonymous--;
                return streams;
            }
            Integer left = users.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
            if (left == null) {
                named.remove(user);
            } else {
                named.computeIfPresent(user, (name, count) -> left);
            }
            return streams;
        }

        synchronized int streams() {
            return streams;
        }

        synchronized ChannelPresence snapshot(String channel) {
            return new ChannelPresence(channel, streams, anonymous, new TreeMap<>(named));
        }
    }
}
