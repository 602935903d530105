package dev.sseboot.core.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Disconnect probes for transports that learn of a lost client only by writing, on a fake clock. */
class DisconnectProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration INTERVAL = SseSettings.defaults().disconnectProbe();

    private final FakeClock clock = new FakeClock();
    private final List<CloseReason> closeReasons = new CopyOnWriteArrayList<>();
    private SseHub hub;

    @AfterEach
    void shutdown() {
        if (hub != null) {
            hub.shutdown();
        }
    }

    private void hub(Duration heartbeat) {
        hub = clock.hub(SseSettings.builder().heartbeat(heartbeat).heartbeatEvent("ping").build())
                .listener(new SseHubListener() {
                    @Override
                    public void closed(Subscription subscription, CloseReason reason) {
                        closeReasons.add(reason);
                    }
                }).build();
    }

    @Test
    void aQuietStreamWhoseSinkCannotReportAClosedConnectionGetsACommentEveryInterval() throws Exception {
        hub(Duration.ZERO);
        ProbedSink probed = new ProbedSink();
        RecordingSink reporting = new RecordingSink();
        SseHubTest.awaitQuiet(hub.subscribe("quiet", probed, null));
        SseHubTest.awaitQuiet(hub.subscribe("quiet", reporting, null));

        clock.advance(INTERVAL.minusMillis(1));
        hub.probeQuietStreams();
        assertThat(probed.comments()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        hub.probeQuietStreams();
        probed.await(WAIT, s -> s.comments().size() == 1);
        SseHubTest.awaitQuiet(hub.subscribe("other", new RecordingSink(), null));
        hub.probeQuietStreams();
        clock.advance(INTERVAL);
        hub.probeQuietStreams();
        probed.await(WAIT, s -> s.comments().size() == 2);
        assertThat(probed.comments()).as("one probe per interval").hasSize(2);
        assertThat(reporting.comments()).as("a sink that reports closed connections itself is never probed").isEmpty();
    }

    @Test
    void moreQuietStreamsThanOneRoundMayProbeAreProbedInTurn() throws Exception {
        hub(Duration.ZERO);
        int perRound = hub.disconnectProbesPerTick();
        List<ProbedSink> sinks = new ArrayList<>();
        for (int i = 0; i < perRound * 5 / 2; i++) {
            ProbedSink sink = new ProbedSink();
            sinks.add(sink);
            SseHubTest.awaitQuiet(hub.subscribe("quiet", sink, null));
        }

        // Each round comes an interval after the last, so the streams it probed are due again.
        for (int round = 1; round <= 2; round++) {
            clock.advance(INTERVAL);
            hub.probeQuietStreams();
            int expected = round * perRound;
            SseHubTest.awaitCondition(() -> probed(sinks) == expected);
        }
        assertThat(sinks).as("the second round went on where the first stopped")
                .allSatisfy(sink -> assertThat(sink.comments()).hasSizeLessThanOrEqualTo(1));

        clock.advance(INTERVAL);
        hub.probeQuietStreams();
        SseHubTest.awaitCondition(() -> probed(sinks) == 3 * perRound);
        assertThat(sinks).as("every stream had its turn before any had a third")
                .allSatisfy(sink -> assertThat(sink.comments()).hasSizeBetween(1, 2));
        assertThat(perRound).as("the runs of one second probe at most the hub's budget")
                .isEqualTo(SseHub.MAX_DISCONNECT_PROBES_PER_SECOND / 10);
    }

    private static int probed(List<ProbedSink> sinks) {
        return sinks.stream().mapToInt(sink -> sink.comments().size()).sum();
    }

    @Test
    void aZeroIntervalProbesNothing() throws Exception {
        hub = clock.hub(SseSettings.builder().heartbeat(Duration.ZERO).disconnectProbe(Duration.ZERO).build()).build();
        ProbedSink probed = new ProbedSink();
        SseHubTest.awaitQuiet(hub.subscribe("quiet", probed, null));

        clock.advance(Duration.ofMinutes(1));
        hub.probeQuietStreams();
        SseHubTest.awaitQuiet(hub.subscribe("other", new RecordingSink(), null));

        assertThat(probed.comments()).isEmpty();
    }

    @Test
    void probesNeitherDelayNorReplaceTheHeartbeatEvent() throws Exception {
        hub(Duration.ofSeconds(2));
        ProbedSink probed = new ProbedSink();
        Subscription subscription = hub.subscribe("watched", probed, null);
        SseHubTest.awaitQuiet(subscription);

        // Five intervals make the heartbeat's two seconds: four probes, then the heartbeat, which
        // also counts as the probe of its interval.
        for (int tick = 0; tick < 5; tick++) {
            clock.advance(INTERVAL);
            hub.runMaintenance();
            SseHubTest.awaitQuiet(subscription);
            hub.probeQuietStreams();
            SseHubTest.awaitQuiet(subscription);
        }
        probed.await(WAIT, s -> s.events().size() == 1);
        assertThat(probed.events().get(0).event()).as("the page's watchdog still gets its heartbeat").isEqualTo("ping");
        assertThat(probed.comments()).hasSize(4);
    }

    @Test
    void aFailingProbeReleasesTheStreamAsAClientGone() throws Exception {
        hub(Duration.ZERO);
        ProbedSink probed = new ProbedSink();
        SseHubTest.awaitQuiet(hub.subscribe("gone", probed, null));
        probed.fail = true;

        clock.advance(INTERVAL);
        hub.probeQuietStreams();
        probed.awaitClosed(WAIT);

        assertThat(hub.clientCount()).isZero();
        assertThat(closeReasons).containsExactly(CloseReason.CLIENT_GONE);
    }

    /** A sink like a servlet response: it learns that its client is gone only from a failed write. */
    private static final class ProbedSink extends RecordingSink {

        volatile boolean fail;

        @Override
        public boolean needsDisconnectProbe() {
            return true;
        }

        @Override
        public void write(List<dev.sseboot.core.wire.SseFrame> frames) throws IOException {
            if (fail) {
                throw new IOException("Broken pipe");
            }
            super.write(frames);
        }
    }
}
