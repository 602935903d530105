package dev.sseboot.metrics;

import dev.sseboot.core.broker.EvictionReason;
import dev.sseboot.core.hub.CloseReason;
import dev.sseboot.core.hub.DropReason;
import dev.sseboot.core.hub.SlowConsumerPolicy;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.core.wire.SseMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The meters on a real hub and a {@link SimpleMeterRegistry}, without Spring. */
class SseMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<SseHub> hub = new AtomicReference<>();

    private SseMetrics metrics(boolean channelTag, SseSettings settings) {
        SseMetrics metrics = new SseMetrics(hub::get, channelTag);
        hub.set(SseHub.builder().settings(settings).listener(metrics).build());
        return metrics;
    }

    private SseMetrics metrics(boolean channelTag) {
        return metrics(channelTag, SseSettings.defaults());
    }

    @AfterEach
    void shutDownHub() {
        hub.get().shutdown();
    }

    @Test
    void activeConnectionsIsTheHubsOwnCountEvenForStreamsOpenedBeforeBinding() {
        SseMetrics metrics = metrics(false);
        Subscription early = hub.get().subscribe("news", new NullSink(true), null);
        metrics.bindTo(registry);
        assertThat(active()).isEqualTo(1);

        Subscription late = hub.get().subscribe("news", new NullSink(true), null);
        assertThat(active()).isEqualTo(2);

        early.disconnected();
        late.disconnected();
        await().atMost(WAIT).until(() -> active() == 0);
        assertThat(closed("client_gone")).as("closes after binding count, even of streams opened before")
                .isEqualTo(2);
    }

    @Test
    void everyMeterIsRegisteredWhenBoundAndEventsOnlyIncrementThem() {
        metrics(false).bindTo(registry);
        List<Meter> meters = registry.getMeters();
        assertThat(meters).extracting(meter -> meter.getId().getName()).containsOnly("sse.connections.active",
                "sse.messages.published", "sse.messages.delivered", "sse.delivery.latency",
                "sse.connections.closed", "sse.messages.dropped", "sse.replay.evicted");
        assertThat(registry.get("sse.connections.closed").counters()).hasSize(CloseReason.values().length);
        assertThat(registry.get("sse.messages.dropped").counters()).hasSize(DropReason.values().length);

        Subscription first = hub.get().subscribe("news", new NullSink(true), null);
        Subscription second = hub.get().subscribe("news", new NullSink(true), null);
        for (int i = 0; i < 3; i++) {
            hub.get().publish("news", SseMessage.of("event " + i));
        }
        await().atMost(WAIT).until(() -> registry.get("sse.messages.delivered").counter().count() == 6);
        first.close();
        second.disconnected();
        await().atMost(WAIT).until(() -> active() == 0);

        assertThat(registry.get("sse.messages.published").counter().count()).isEqualTo(3);
        assertThat(registry.get("sse.delivery.latency").timer().count()).isPositive();
        assertThat(closed("server_closed")).isEqualTo(1);
        assertThat(closed("client_gone")).isEqualTo(1);
        assertThat(registry.getMeters()).as("no meter built per event").hasSameSizeAs(meters);
        assertThat(registry.find("sse.messages.published").tagKeys("channel").counter()).isNull();
    }

    @Test
    void framesDroppedForAStuckClientCountByReason() {
        metrics(false, SseSettings.builder().queueCapacity(2).slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST)
                .build()).bindTo(registry);
        // A sink that is not ready keeps every frame queued, so the third and fourth push out the oldest.
        hub.get().subscribe("news", new NullSink(false), null);
        for (int i = 0; i < 4; i++) {
            hub.get().publish("news", SseMessage.of("event " + i));
        }

        await().atMost(WAIT).until(() -> dropped("queue_full") == 2);
        assertThat(dropped("write_timeout")).isZero();
        assertThat(active()).isEqualTo(1);
    }

    @Test
    void withTheChannelTagEachChannelCountsForItself() {
        metrics(true).bindTo(registry);
        hub.get().publish("a", SseMessage.of("1"));
        hub.get().publish("a", SseMessage.of("2"));
        hub.get().publish("b", SseMessage.of("3"));

        assertThat(registry.get("sse.messages.published").tag("channel", "a").counter().count()).isEqualTo(2);
        assertThat(registry.get("sse.messages.published").tag("channel", "b").counter().count()).isEqualTo(1);
        assertThat(registry.get("sse.messages.published").counters()).hasSize(2);
        assertThat(registry.get("sse.connections.active").gauge().getId().getTag("channel")).isNull();
    }

    @Test
    void bindingTwiceToOneRegistryCountsOnce() {
        SseMetrics metrics = metrics(false);
        metrics.bindTo(registry);
        metrics.bindTo(registry);
        hub.get().publish("news", SseMessage.of("once"));

        assertThat(registry.get("sse.messages.published").counter().count()).isEqualTo(1);
    }

    private double active() {
        return registry.get("sse.connections.active").gauge().value();
    }

    private double closed(String reason) {
        return reasonCounter("sse.connections.closed", reason).count();
    }

    private double dropped(String reason) {
        return reasonCounter("sse.messages.dropped", reason).count();
    }

    private Counter reasonCounter(String name, String reason) {
        return registry.get(name).tag("reason", reason).counter();
    }

    /** Takes and forgets frames; one that is not ready leaves them queued in the hub. */
    private record NullSink(boolean isReady) implements SseSink {

        @Override
        public void write(List<SseFrame> frames) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void replayEvictionsAreCountedByReasonFromTheInMemoryBroker() {
        metrics(false, SseSettings.builder().replaySize(2).replayMaxBytes(250).replayMaxTotalBytes(404).build())
                .bindTo(registry);
        assertThat(registry.get("sse.replay.evicted").functionCounters()).hasSize(EvictionReason.values().length);

        for (int i = 0; i < 3; i++) {
            hub.get().publish("small", SseMessage.of("s" + i));
        }
        hub.get().publish("big", SseMessage.of("x".repeat(200)));
        hub.get().publish("big", SseMessage.of("y".repeat(200)));
        hub.get().publish("other", SseMessage.of("z".repeat(200)));

        assertThat(evicted("size")).isEqualTo(1);
        assertThat(evicted("max_bytes")).as("the second big event pushed the first out of its channel").isEqualTo(1);
        assertThat(evicted("max_total_bytes")).as("then the oldest of all channels left: the two small ones").isEqualTo(2);
        assertThat(evicted("ttl")).isZero();
    }

    private double evicted(String reason) {
        return registry.get("sse.replay.evicted").tag("reason", reason).functionCounter().count();
    }
}
