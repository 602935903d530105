package dev.sseboot.autoconfigure;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.presence.LocalSsePresence;
import dev.sseboot.core.presence.LocalStreams;
import dev.sseboot.core.presence.SsePresence;
import dev.sseboot.spring.SseFleetSubscribedEvent;
import dev.sseboot.spring.SseFleetUnsubscribedEvent;
import dev.sseboot.spring.SsePublisher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Presence with the in-memory broker: the beans, their wiring to the hub, events and properties. */
class SsePresenceAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class));

    @Test
    void presenceCountsTheHubsStreamsAndPublishesFleetEvents() {
        List<Object> events = new CopyOnWriteArrayList<>();
        runner.withInitializer(context -> context.addApplicationListener((ApplicationEvent event) -> {
            if (event instanceof PayloadApplicationEvent<?> payload) {
                events.add(payload.getPayload());
            }
        })).run(context -> {
            assertThat(context).hasSingleBean(LocalStreams.class).hasSingleBean(SsePresence.class);
            SsePresence presence = context.getBean(SsePresence.class);
            assertThat(presence).isInstanceOf(LocalSsePresence.class);

            Subscription stream = context.getBean(SseHub.class).subscribe("room", new RecordingSink(), null, "alice");
            assertThat(presence.channel("room").users()).containsExactly(Map.entry("alice", 1));
            assertThat(presence.instances()).singleElement().satisfies(instance -> {
                assertThat(instance.id()).isEqualTo(presence.instanceId());
                assertThat(instance.streams()).isEqualTo(1);
            });
            stream.disconnected();

            assertThat(events).filteredOn(event -> event instanceof SseFleetSubscribedEvent
                    || event instanceof SseFleetUnsubscribedEvent).containsExactly(
                    new SseFleetSubscribedEvent("room", "alice", presence.instanceId(), 1),
                    new SseFleetUnsubscribedEvent("room", "alice", presence.instanceId(), 0));
        });
    }

    @Test
    void broadcastReachesThePresencesChannels() {
        runner.run(context -> {
            RecordingSink sink = new RecordingSink();
            context.getBean(SseHub.class).subscribe("lobby", sink, null, null);

            assertThat(context.getBean(SsePublisher.class).broadcast("to everyone")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(sink.frames).anyMatch(frame -> frame.contains("data: to everyone")));
        });
    }

    @Test
    void thePrincipalCapIsAProperty() {
        runner.withPropertyValues("sse.presence.max-principals=2")
                .run(context -> assertThat(context.getBean(LocalStreams.class).maxPrincipals()).isEqualTo(2));
        runner.withPropertyValues("sse.presence.max-principals=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("sse.presence.max-principals").hasMessageContaining("at least 1"));
        runner.withPropertyValues("sse.presence.heartbeat=0s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("sse.presence.heartbeat"));
    }

    @Test
    void anApplicationsOwnPresenceWins() {
        LocalSsePresence own = new LocalSsePresence(LocalStreams.create(5));
        runner.withBean(SsePresence.class, () -> own)
                .run(context -> assertThat(context).getBean(SsePresence.class).isSameAs(own));
    }
}
