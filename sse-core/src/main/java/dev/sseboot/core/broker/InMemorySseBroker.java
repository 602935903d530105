package dev.sseboot.core.broker;

import dev.sseboot.core.wire.SseMessage;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The single-JVM broker: ids from one counter across all channels (so ids of different channels
 * compare), and a replay window per channel bounded by size and age that outlives the channel's
 * last client.
 *
 * <p>A publish assigns the id, appends to the window and delivers under the channel's window lock,
 * so delivery order is id order and a replay read sees exactly the events delivered before it.
 */
public final class InMemorySseBroker implements SseBroker {

    private final int replaySize;
    private final long replayTtlNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private volatile @Nullable Delivery delivery;
    private volatile boolean closed;

    public InMemorySseBroker(int replaySize, Duration replayTtl) {
        this(replaySize, replayTtl, System::nanoTime);
    }

    public InMemorySseBroker(int replaySize, Duration replayTtl, LongSupplier nanoClock) {
        if (replaySize < 0) {
            throw new IllegalArgumentException("replaySize must not be negative but was " + replaySize);
        }
        this.replaySize = replaySize;
        this.replayTtlNanos = replayTtl.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
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
            synchronized (window) {
                if (window.retired) {
                    continue;
                }
                long position = sequence.incrementAndGet();
                SseMessage stored = message.id() == null ? message.withId(Long.toString(position)) : message;
                window.append(stored, position, nanoClock.getAsLong(), replaySize);
                target.deliver(channel, stored, position);
                return stored;
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

    private record Entry(SseMessage message, long position, long storedNanos) {
    }

    /** One channel's history. Guarded by its own monitor. */
    private static final class Window {
        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        /** The newest id that left the window: a client holding it has missed nothing still kept. */
        private @Nullable String lastEvictedId;
        private long lastPosition;
        private boolean retired;

        void append(SseMessage message, long position, long now, int capacity) {
            lastPosition = position;
            if (capacity == 0) {
                lastEvictedId = message.id();
                return;
            }
            entries.addLast(new Entry(message, position, now));
            while (entries.size() > capacity) {
                lastEvictedId = entries.removeFirst().message().id();
            }
        }

        void expire(long oldestKeptNanos) {
            while (!entries.isEmpty() && entries.peekFirst().storedNanos() - oldestKeptNanos < 0) {
                lastEvictedId = entries.removeFirst().message().id();
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
