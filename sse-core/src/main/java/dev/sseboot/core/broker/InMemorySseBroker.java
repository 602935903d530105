package dev.sseboot.core.broker;

import dev.sseboot.core.wire.SseMessage;

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
 */
public final class InMemorySseBroker implements SseBroker {

    private final int replaySize;
    private final long replayTtlNanos;
    private final long maxBytes;
    private final long maxTotalBytes;
    private final LongSupplier nanoClock;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    /** The position of every window's oldest entry, so the oldest event of all is found without a scan. */
    private final ConcurrentSkipListMap<Long, Window> oldestEntries = new ConcurrentSkipListMap<>();
    private final AtomicLong totalBytes = new AtomicLong();
    private final Map<EvictionReason, LongAdder> evictions = new EnumMap<>(EvictionReason.class);
    private volatile Delivery delivery;
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
        Window window = windows.get(channel);
        if (window == null) {
            return Replay.gap(null, 0);
        }
        synchronized (window) {
            window.expire(nanoClock.getAsLong() - replayTtlNanos);
            return window.after(lastEventId);
        }
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
        private String lastEvictedId;
        private long lastPosition;
        private boolean retired;

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

        Replay after(String lastEventId) {
            String latestId = entries.isEmpty() ? lastEvictedId : entries.peekLast().message().id();
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
            return Replay.gap(latestId, lastPosition);
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
