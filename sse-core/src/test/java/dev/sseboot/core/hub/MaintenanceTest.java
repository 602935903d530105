package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Heartbeats and idle timeouts, driven by a fake clock instead of sleeps. */
class MaintenanceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeClock clock = new FakeClock();
    private final List<CloseReason> closeReasons = new CopyOnWriteArrayList<>();
    private SseHub hub;

    private SseHub hub(SseSettings settings) {
        hub = clock.hub(settings).listener(new SseHubListener() {
            @Override
            public void closed(Subscription subscription, CloseReason reason) {
                closeReasons.add(reason);
            }
        }).build();
        return hub;
    }

    @AfterEach
    void shutdown() {
        if (hub != null) {
            hub.shutdown();
        }
    }

    @Test
    void anIdleStreamGetsAHeartbeatComment() throws Exception {
        hub(SseSettings.builder().heartbeat(Duration.ofSeconds(10)).build());
        RecordingSink sink = new RecordingSink();
        SseHubTest.awaitQuiet(hub.subscribe("quiet", sink, null));

        clock.advance(Duration.ofSeconds(9));
        hub.runMaintenance();
        assertThat(sink.comments()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        hub.runMaintenance();
        sink.await(WAIT, s -> s.comments().size() == 1);
        assertThat(sink.raw()).endsWith("\n\n:\n\n");
    }

    @Test
    void aStreamThatSentSomethingWithinTheIntervalIsSkipped() throws Exception {
        hub(SseSettings.builder().heartbeat(Duration.ofSeconds(10)).build());
        RecordingSink sink = new RecordingSink();
        Subscription subscription = hub.subscribe("busy", sink, null);
        SseHubTest.awaitQuiet(subscription);

        clock.advance(Duration.ofSeconds(6));
        hub.publish("busy", SseMessage.of("news"));
        sink.awaitEvents(1, WAIT);
        SseHubTest.awaitQuiet(subscription);
        clock.advance(Duration.ofSeconds(6));
        hub.runMaintenance();
        assertThat(sink.comments()).isEmpty();

        clock.advance(Duration.ofSeconds(4));
        hub.runMaintenance();
        sink.await(WAIT, s -> s.comments().size() == 1);
    }

    @Test
    void theHeartbeatCanBeANamedEvent() throws Exception {
        hub(SseSettings.builder().heartbeat(Duration.ofSeconds(10)).heartbeatEvent("ping").build());
        RecordingSink sink = new RecordingSink();
        SseHubTest.awaitQuiet(hub.subscribe("quiet", sink, null));

        clock.advance(Duration.ofSeconds(10));
        hub.runMaintenance();

        sink.awaitEvents(1, WAIT);
        assertThat(sink.events().get(0).event()).isEqualTo("ping");
        assertThat(sink.events().get(0).data()).isEmpty();
    }

    @Test
    void idleTimeoutClosesAStreamWithoutEventsButNotAnActiveOne() throws Exception {
        hub(SseSettings.builder().idleTimeout(Duration.ofSeconds(30)).heartbeat(Duration.ofSeconds(5)).build());
        RecordingSink idle = new RecordingSink();
        RecordingSink active = new RecordingSink();
        Subscription idleSubscription = hub.subscribe("idle", idle, null);
        Subscription activeSubscription = hub.subscribe("active", active, null);

        for (int second = 5; second <= 30; second += 5) {
            SseHubTest.awaitQuiet(idleSubscription);
            SseHubTest.awaitQuiet(activeSubscription);
            clock.advance(Duration.ofSeconds(5));
            hub.publish("active", SseMessage.of("at " + second));
            hub.runMaintenance();
        }

        assertThat(idle.awaitClosed(WAIT)).isTrue();
        assertThat(idle.comments()).as("heartbeats do not count as events").isNotEmpty();
        assertThat(active.isClosed()).isFalse();
        assertThat(closeReasons).containsExactly(CloseReason.IDLE_TIMEOUT);
    }

    @Test
    void maintenanceRunsOftenEnoughForTheShortestTimeout() {
        assertThat(SseHub.maintenancePeriod(SseSettings.builder().writeTimeout(Duration.ofSeconds(2)).build()))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(SseHub.maintenancePeriod(SseSettings.builder().writeTimeout(Duration.ofMillis(20)).build()))
                .isEqualTo(Duration.ofMillis(25));
        assertThat(SseHub.maintenancePeriod(SseSettings.builder().writeTimeout(Duration.ofMinutes(1))
                .heartbeat(Duration.ZERO).build())).isEqualTo(Duration.ofSeconds(1));
    }
}
