package dev.sseboot.core.broker;

import dev.sseboot.core.wire.SseMessage;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The single-JVM broker: ids from one counter across all channels (so ids of different channels
 * compare), and a replay window per channel bounded by size and age that outlives the channel's
 * last client. The history is also bounded in bytes ({@link SseMessage#size()}), per channel and
 * across all channels, so big events cannot fill the heap: the oldest events leave first, and a
 * client whose Last-Event-ID left gets the gap event.
 *
 * <p>A publish assigns the id, appends to the window and delivers under the channel's window lock,
 * so delivery order is id order and a replay read sees exactly the events delivered before it.
 *
 * <p><b>Positions.</b> An id this broker assigns is the decimal value of its counter, which is also
 * the event's delivery position. A Last-Event-ID that is no event of the window but such a value
 * (at most the counter) is read as a position: everything the channel published after it. That is
 * how a stream on a channel without history starts ({@link #head} names the counter), and it
 * resumes without a gap as long as nothing after it left the channel's history. It is a gap once
 * the window dropped an event, or had ids set by publishers that are decimal numbers too (they
 * cannot be told from positions), or once a channel's whole history expired after that position
 * (from then on the broker cannot tell what that channel had, so positions older than the replay
 * ttl may get a gap even on a quiet channel).
 */
public final class InMemorySseBroker implements SseBroker {

    private final int replaySize;
    private final long replayTtlNanos;
    private final long maxBytes;
    private final long maxTotalBytes;
    private final LongSupplier nanoClock;
    private final AtomicLong sequence = new AtomicLong();
    /** Positions up to here may belong to a history that expired as a whole: reading after them is a gap. */
    private final AtomicLong forgottenThrough = new AtomicLong();
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    /** The position of every window's oldest entry, so the oldest event of all is found without a scan. */
    private final ConcurrentSkipListMap<Long, Window> oldestEntries = new ConcurrentSkipListMap<>();
    private final AtomicLong totalBytes = new AtomicLong();
    private final Map<EvictionReason, LongAdder> evictions = new EnumMap<>(EvictionReason.class);
    private volatile @Nullable Delivery delivery;
    private volatile boolean closed;

    /** A broker whose history is bounded by count and age only. */
    public InMemorySseBroker(int replaySize, Duration replayTtl) {
        this(replaySize, replayTtl, System::nanoTime);
    }

    /** A broker whose history is bounded by count and age only. */
    public InMemorySseBroker(int replaySize, Duration replayTtl, LongSupplier nanoClock) {
        this(replaySize, replayTtl, Long.MAX_VALUE, Long.MAX_VALUE, nanoClock);
    }

    /**
     * @param replaySize events each channel keeps; 0 keeps none
     * @param replayTtl how long an event stays replayable
     * @param maxBytes bytes of events ({@link SseMessage#size()}) each channel keeps at most
     * @param maxTotalBytes bytes of events all channels together keep at most
     */
    public InMemorySseBroker(int replaySize, Duration replayTtl, long maxBytes, long maxTotalBytes,
            LongSupplier nanoClock) {
        if (replaySize < 0) {
            throw new IllegalArgumentException("replaySize must not be negative but was " + replaySize);
        }
        if (maxBytes < 1 || maxTotalBytes < 1) {
            throw new IllegalArgumentException("maxBytes and maxTotalBytes must be positive but were "
                    + maxBytes + " and " + maxTotalBytes);
        }
        this.replaySize = replaySize;
        this.replayTtlNanos = replayTtl.toNanos();
        this.maxBytes = maxBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        for (EvictionReason reason : EvictionReason.values()) {
            evictions.put(reason, new LongAdder());
        }
    }

    @Override
    public void start(Delivery delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    @Override
    public SseMessage publish(String channel, SseMessage message) {
        Delivery target = delivery;
        if (target == null) {
            throw new IllegalStateException("The broker has not been started");
        }
        if (closed) {
            throw new IllegalStateException("The broker is closed");
        }
        while (true) {
            Window window = windows.computeIfAbsent(channel, name -> new Window());
            SseMessage stored;
            synchronized (window) {
                if (window.retired) {
                    continue;
                }
                long position = sequence.incrementAndGet();
                stored = message.id() == null ? message.withId(Long.toString(position)) : message;
                window.decimalPublisherIds |= message.id() != null && isDecimal(message.id());
                window.append(stored, position, nanoClock.getAsLong(), replaySize);
                target.deliver(channel, stored, position);
            }
            // Outside the channel's monitor: evicting takes other channels' monitors, one at a time.
            evictBeyondTotal();
            return stored;
        }
    }

    /** Removes the oldest events of all channels until the history fits {@code maxTotalBytes}. */
    private void evictBeyondTotal() {
        while (totalBytes.get() > maxTotalBytes) {
            Map.Entry<Long, Window> oldest = oldestEntries.firstEntry();
            if (oldest == null) {
                return;
            }
            Window window = oldest.getValue();
            synchronized (window) {
                Entry first = window.entries.peekFirst();
                // Otherwise that entry left meanwhile; the next round reads the new oldest.
                if (first != null && first.position() == oldest.getKey()) {
                    window.evictFirst(EvictionReason.MAX_TOTAL_BYTES);
                }
            }
        }
    }

    @Override
    public Replay replay(String channel, String lastEventId) {
        long position = positionOf(lastEventId);
        Window window = windows.get(channel);
        if (window == null) {
            if (position >= 0 && position >= forgottenThrough.get()) {
                return Replay.of(List.of(), lastEventId, position);
            }
            long beginning = sequence.get();
            return Replay.gap(Long.toString(beginning), beginning);
        }
        synchronized (window) {
            window.expire(nanoClock.getAsLong() - replayTtlNanos);
            return window.after(lastEventId, position >= forgottenThrough.get() ? position : -1);
        }
    }

    @Override
    public List<SseMessage> history(String channel, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative but was " + limit);
        }
        Window window = windows.get(channel);
        if (window == null || limit == 0) {
            return List.of();
        }
        synchronized (window) {
            window.expire(nanoClock.getAsLong() - replayTtlNanos);
            return window.newest(limit);
        }
    }

    /**
     * The newest event of the channel's history or, for a channel without one, the counter: every
     * event published on it from now on has a higher position.
     */
    @Override
    public Replay head(String channel) {
        Window window = windows.get(channel);
        if (window != null) {
            synchronized (window) {
                if (!window.retired) {
                    return Replay.of(List.of(), window.latestId(), window.lastPosition);
                }
            }
        }
        long beginning = sequence.get();
        return Replay.of(List.of(), Long.toString(beginning), beginning);
    }

    /** The position an id names when it is a value of the counter so far, else -1. */
    private long positionOf(String id) {
        if (!isDecimal(id)) {
            return -1;
        }
        long position = Long.parseLong(id);
        return position <= sequence.get() ? position : -1;
    }

    /** Digits only, as {@link Long#toString} writes them (no sign, no leading zero), and at most 18 of them. */
    private static boolean isDecimal(String id) {
        if (id.isEmpty() || id.length() > 18 || (id.charAt(0) == '0' && id.length() > 1)) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void housekeeping() {
        long oldestKept = nanoClock.getAsLong() - replayTtlNanos;
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window window = it.next();
            synchronized (window) {
                window.expire(oldestKept);
                if (window.entries.isEmpty()) {
                    window.retired = true;
                    forgottenThrough.accumulateAndGet(window.decimalPublisherIds ? sequence.get() : window.lastPosition,
                            Math::max);
                    it.remove();
                }
            }
        }
    }

    /** Stops delivering: publishes fail from now on. The history stays readable. */
    @Override
    public void close() {
        closed = true;
    }

    /** Channels that still hold replay history (for diagnostics and tests). */
    public int windowCount() {
        return windows.size();
    }

    /** Bytes of replay history held, all channels together ({@link SseMessage#size()} of each event). */
    public long totalBytes() {
        return totalBytes.get();
    }

    /** Events that left the replay history for this reason since the broker was built. */
    public long evictions(EvictionReason reason) {
        return evictions.get(reason).sum();
    }

    private record Entry(SseMessage message, long position, long storedNanos) {
    }

    /** One channel's history. Guarded by its own monitor. */
    private final class Window {
        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        private long bytes;
        /** The newest id that left the window: a client holding it has missed nothing still kept. */
        private @Nullable String lastEvictedId;
        private long lastPosition;
        private boolean retired;
        /** A publisher set an id that reads as a position, so positions cannot be told from event ids here. */
        private boolean decimalPublisherIds;

        void append(SseMessage message, long position, long now, int capacity) {
            lastPosition = position;
            if (capacity == 0) {
                lastEvictedId = message.id();
                return;
            }
            if (entries.isEmpty()) {
                oldestEntries.put(position, this);
            }
            entries.addLast(new Entry(message, position, now));
            bytes += message.size();
            totalBytes.addAndGet(message.size());
            while (entries.size() > capacity) {
                evictFirst(EvictionReason.SIZE);
            }
            while (bytes > maxBytes) {
                evictFirst(EvictionReason.MAX_BYTES);
            }
        }

        void expire(long oldestKeptNanos) {
            while (!entries.isEmpty() && entries.peekFirst().storedNanos() - oldestKeptNanos < 0) {
                evictFirst(EvictionReason.TTL);
            }
        }

        /** Removes the oldest entry and keeps the byte counts and the index of oldest entries in step. */
        void evictFirst(EvictionReason reason) {
            Entry evicted = entries.removeFirst();
            lastEvictedId = evicted.message().id();
            bytes -= evicted.message().size();
            totalBytes.addAndGet(-evicted.message().size());
            evictions.get(reason).increment();
            oldestEntries.remove(evicted.position());
            Entry next = entries.peekFirst();
            if (next != null) {
                oldestEntries.put(next.position(), this);
            }
        }

        String latestId() {
            return entries.isEmpty() ? lastEvictedId : entries.peekLast().message().id();
        }

        /**
         * The events after the one with {@code lastEventId} or, when it is none of them, after
         * {@code position} ({@code -1} when it is no position): the window holds every event after
         * a position as long as it never dropped one and every id in it is a position or not a number.
         */
        Replay after(String lastEventId, long position) {
            String latestId = latestId();
            if (lastEventId.equals(lastEvictedId)) {
                return Replay.of(messages(entries.iterator()), latestId, lastPosition);
            }
            List<Entry> newerFirst = new ArrayList<>();
            for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (entry.message().id().equals(lastEventId)) {
                    return Replay.of(messages(reversed(newerFirst)), latestId, lastPosition);
                }
                newerFirst.add(entry);
            }
            if (position >= 0 && lastEvictedId == null && !decimalPublisherIds) {
                newerFirst.removeIf(entry -> entry.position() <= position);
                return Replay.of(messages(reversed(newerFirst)), latestId, lastPosition);
            }
            return Replay.gap(latestId, lastPosition);
        }

        /** The newest {@code limit} events, oldest first. */
        List<SseMessage> newest(int limit) {
            List<Entry> newerFirst = new ArrayList<>(Math.min(limit, entries.size()));
            for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && newerFirst.size() < limit; ) {
                newerFirst.add(it.next());
            }
            return messages(reversed(newerFirst));
        }

        private static Iterator<Entry> reversed(List<Entry> newerFirst) {
            List<Entry> oldestFirst = new ArrayList<>(newerFirst.size());
            for (int i = newerFirst.size() - 1; i >= 0; i--) {
                oldestFirst.add(newerFirst.get(i));
            }
            return oldestFirst.iterator();
        }

        private static List<SseMessage> messages(Iterator<Entry> entries) {
            List<SseMessage> messages = new ArrayList<>();
            entries.forEachRemaining(entry -> messages.add(entry.message()));
            return messages;
        }
    }
}
