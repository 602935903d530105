package dev.sseboot.metrics;

import dev.sseboot.core.broker.EvictionReason;
import dev.sseboot.core.broker.InMemorySseBroker;
import dev.sseboot.core.hub.ChannelPatterns;
import dev.sseboot.core.hub.CloseReason;
import dev.sseboot.core.hub.DropReason;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseHubListener;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The hub's Micrometer meters. {@code sse.connections.active} reads {@link SseHub#clientCount()},
 * so it is the hub's own count and cannot drift from it. The counters and the latency timer are
 * resolved when the binder is bound (per channel on a channel's first event when tagged by
 * channel); as the hub's listener this class only increments them. Events before the binder is
 * bound are not counted. Tagged by channel, a multiplexed stream of several channels or of a
 * pattern counts its deliveries, drops and close under {@code channel=(multiplexed)}, so clients
 * that choose patterns cannot grow the tags. With the in-memory broker,
 * {@code sse.replay.evicted{reason}} reads the broker's own eviction counts.
 */
public class SseMetrics implements MeterBinder, SseHubListener {

    private final Supplier<SseHub> hub;
    private final boolean channelTag;
    private final List<BoundMeters> bound = new CopyOnWriteArrayList<>();

    /**
     * @param hub the hub whose streams the gauge counts; a supplier because the hub is built with
     * this listener, so it exists only after it; read once, when the binder is bound
     * @param channelTag tag meters with the channel; only for a small, fixed set of channels
     */
    public SseMetrics(Supplier<SseHub> hub, boolean channelTag) {
        this.hub = hub;
        this.channelTag = channelTag;
    }

    /** Registers the meters; binding to the same registry again changes nothing. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (bound.stream().anyMatch(meters -> meters.registry == registry)) {
            return;
        }
        SseHub target = hub.get();
        Gauge.builder("sse.connections.active", target, SseHub::clientCount)
                .description("Open Server-Sent Events streams")
                .register(registry);
        // Redis trims its streams itself and does not say what it dropped, so only this broker counts.
        if (target.broker() instanceof InMemorySseBroker broker) {
            for (EvictionReason reason : EvictionReason.values()) {
                FunctionCounter.builder("sse.replay.evicted", broker, counted -> counted.evictions(reason))
                        .description("Events that left the replay history, by reason")
                        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
        bound.add(new BoundMeters(registry, channelTag));
    }

    @Override
    public void closed(Subscription subscription, CloseReason reason) {
        for (BoundMeters meters : bound) {
            meters.of(subscription).closed.get(reason).increment();
        }
    }

    @Override
    public void published(String channel, SseMessage message) {
        for (BoundMeters meters : bound) {
            meters.of(channel).published.increment();
        }
    }

    @Override
    public void delivered(Subscription subscription, int messages, long latencyNanos) {
        for (BoundMeters meters : bound) {
            ChannelMeters channel = meters.of(subscription);
            channel.delivered.increment(messages);
            channel.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void dropped(Subscription subscription, DropReason reason) {
        for (BoundMeters meters : bound) {
            meters.of(subscription).dropped.get(reason).increment();
        }
    }

    /** The meters of one registry: one set, or one set per channel when tagged by channel. */
    private static final class BoundMeters {

        /** The channel tag of streams of several channels or of a pattern: no channel name has parentheses. */
        static final String MULTIPLEXED = "(multiplexed)";

        final MeterRegistry registry;
        private final @Nullable ChannelMeters untagged;
        private final Map<String, ChannelMeters> byChannel = new ConcurrentHashMap<>();

        BoundMeters(MeterRegistry registry, boolean channelTag) {
            this.registry = registry;
            this.untagged = channelTag ? null : new ChannelMeters(registry, Tags.empty());
        }

        /**
         * A stream's meters: its channel's when it reads one channel; the {@value #MULTIPLEXED}
         * tag when it reads several or a pattern, whose events come from any channel, and whose
         * patterns, chosen by clients, must not become tags.
         */
        ChannelMeters of(Subscription subscription) {
            List<String> channels = subscription.channels();
            boolean oneChannel = channels.size() == 1 && !ChannelPatterns.isPattern(channels.get(0));
            return of(oneChannel ? channels.get(0) : MULTIPLEXED);
        }

        ChannelMeters of(String channel) {
            return untagged != null ? untagged
                    : byChannel.computeIfAbsent(channel, name -> new ChannelMeters(registry, Tags.of("channel", name)));
        }
    }

    /** Every counter and the timer under one set of tags, each reason's counter resolved up front. */
    private static final class ChannelMeters {

        final Counter published;
        final Counter delivered;
        final Timer latency;
        final Map<CloseReason, Counter> closed;
        final Map<DropReason, Counter> dropped;

        ChannelMeters(MeterRegistry registry, Tags tags) {
            published = Counter.builder("sse.messages.published")
                    .description("Events published")
                    .tags(tags)
                    .register(registry);
            delivered = Counter.builder("sse.messages.delivered")
                    .description("Events written to clients (one per event and client)")
                    .tags(tags)
                    .register(registry);
            latency = Timer.builder("sse.delivery.latency")
                    .description("From publish to the end of the write, for the oldest event of each write")
                    .tags(tags)
                    .register(registry);
            closed = byReason(CloseReason.class, reason -> Counter.builder("sse.connections.closed")
                    .description("Streams ended, by reason")
                    .tags(tags)
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
            dropped = byReason(DropReason.class, reason -> Counter.builder("sse.messages.dropped")
                    .description("Events not delivered to a client that stayed connected, by reason")
                    .tags(tags)
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }

        private static <R extends Enum<R>> Map<R, Counter> byReason(Class<R> reasons, Function<R, Counter> counter) {
            Map<R, Counter> counters = new EnumMap<>(reasons);
            for (R reason : reasons.getEnumConstants()) {
                counters.put(reason, counter.apply(reason));
            }
            return counters;
        }
    }
}
