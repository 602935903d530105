package dev.sseboot.metrics;

import dev.sseboot.core.hub.CloseReason;
import dev.sseboot.core.hub.DropReason;
import dev.sseboot.core.hub.SseHubListener;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's meters. Without a channel tag (the default) every meter is resolved once; with it, per
 * channel through the registry's own meter cache.
 */
public class SseMetrics implements SseHubListener {

    private static final String NO_CHANNEL = "";

    private final MeterRegistry registry;
    private final boolean channelTag;
    private final AtomicInteger active = new AtomicInteger();

    public SseMetrics(MeterRegistry registry, boolean channelTag) {
        this.registry = registry;
        this.channelTag = channelTag;
        Gauge.builder("sse.connections.active", active, AtomicInteger::get)
                .description("Open Server-Sent Events streams")
                .register(registry);
    }

    private Tags channel(String channel) {
        return channelTag && !channel.equals(NO_CHANNEL) ? Tags.of("channel", channel) : Tags.empty();
    }

    @Override
    public void subscribed(Subscription subscription) {
        active.incrementAndGet();
    }

    @Override
    public void closed(Subscription subscription, CloseReason reason) {
        active.decrementAndGet();
        Counter.builder("sse.connections.closed")
                .description("Streams ended, by reason")
                .tags(channel(subscription.channel()))
                .tag("reason", reason.name().toLowerCase())
                .register(registry)
                .increment();
    }

    @Override
    public void published(String channel, SseMessage message) {
        Counter.builder("sse.messages.published")
                .description("Events published")
                .tags(channel(channel))
                .register(registry)
                .increment();
    }

    @Override
    public void delivered(Subscription subscription, int messages, long latencyNanos) {
        Tags tags = channel(subscription.channel());
        Counter.builder("sse.messages.delivered")
                .description("Events written to clients (one per event and client)")
                .tags(tags)
                .register(registry)
                .increment(messages);
        Timer.builder("sse.delivery.latency")
                .description("From publish to the end of the write, for the oldest event of each write")
                .tags(tags)
                .register(registry)
                .record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void dropped(Subscription subscription, DropReason reason) {
        Counter.builder("sse.messages.dropped")
                .description("Events not delivered to a client that stayed connected, by reason")
                .tags(channel(subscription.channel()))
                .tag("reason", reason.name().toLowerCase())
                .register(registry)
                .increment();
    }
}
