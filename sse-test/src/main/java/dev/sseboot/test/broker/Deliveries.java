package dev.sseboot.test.broker;

import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.wire.SseMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a broker under test delivers, per channel and in order, the way a hub receives it; and
 * whether it ever made two calls for one channel at once.
 */
final class Deliveries implements SseBroker.Delivery {

    /** One call of {@link #deliver}. */
    record Delivered(SseMessage message, long position) {
    }

    private final Map<String, List<Delivered>> byChannel = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlapping = new AtomicInteger();

    @Override
    public void deliver(String channel, SseMessage message, long position) {
        AtomicInteger calls = inFlight.computeIfAbsent(channel, name -> new AtomicInteger());
        if (calls.incrementAndGet() > 1) {
            overlapping.incrementAndGet();
        }
        try {
            // Gives a second call for the same channel, if the broker makes one, the time to overlap this one.
            Thread.yield();
            List<Delivered> delivered = byChannel.computeIfAbsent(channel, name -> new ArrayList<>());
            synchronized (delivered) {
                delivered.add(new Delivered(message, position));
            }
        } finally {
            calls.decrementAndGet();
        }
    }

    /** The channel's deliveries so far, oldest first. */
    List<Delivered> of(String channel) {
        List<Delivered> delivered = byChannel.getOrDefault(channel, List.of());
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    /** The ids of the channel's deliveries so far, oldest first. */
    List<String> ids(String channel) {
        return of(channel).stream().map(delivered -> delivered.message().id()).toList();
    }

    /** The position the channel's event with this id was delivered with. */
    long positionOf(String channel, String id) {
        return of(channel).stream().filter(delivered -> delivered.message().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("No event with id '" + id + "' was delivered on '" + channel + "'"))
                .position();
    }

    /** How many calls began while another call for the same channel was under way. */
    int overlappingCalls() {
        return overlapping.get();
    }
}
