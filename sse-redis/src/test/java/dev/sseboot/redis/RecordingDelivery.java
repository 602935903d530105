package dev.sseboot.redis;

import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.wire.SseMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records what a broker delivers, the way a hub would receive it, and lets tests wait for it. */
final class RecordingDelivery implements SseBroker.Delivery {

    record Delivered(String channel, SseMessage message, long position) {
    }

    private final List<Delivered> delivered = new ArrayList<>();
    private final List<String> historyLost = new ArrayList<>();

    @Override
    public synchronized void deliver(String channel, SseMessage message, long position) {
        delivered.add(new Delivered(channel, message, position));
        notifyAll();
    }

    @Override
    public synchronized void historyLost(String channel) {
        historyLost.add(channel);
        notifyAll();
    }

    /** The channels whose history the broker reported lost, in order. */
    synchronized List<String> historyLost() {
        return List.copyOf(historyLost);
    }

    synchronized List<Delivered> of(String channel) {
        return delivered.stream().filter(item -> item.channel().equals(channel)).toList();
    }

    List<String> data(String channel) {
        return of(channel).stream().map(item -> item.message().data()).toList();
    }

    /** Waits until the channel has at least {@code count} deliveries and returns them all. */
    synchronized List<Delivered> await(String channel, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (of(channel).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Waited " + timeout + " for " + count + " deliveries on '" + channel
                        + "'; got " + new ArrayList<>(data(channel)));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return of(channel);
    }
}
