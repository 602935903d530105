package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeClock clock = new FakeClock();
    private SseHub hub = hub(SseSettings.builder());

    private SseHub hub(SseSettings.Builder settings) {
        return clock.hub(settings.heartbeat(Duration.ZERO).build()).build();
    }

    @AfterEach
    void shutdown() {
        hub.shutdown();
    }

    private List<String> publish(String channel, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(hub.publish(channel, SseMessage.of("m" + i)).id());
        }
        return ids;
    }

    @Test
    void resumesAfterTheLastEventIdThenGoesLive() throws Exception {
        List<String> ids = publish("news", 10);
        RecordingSink sink = new RecordingSink();

        hub.subscribe("news", sink, ids.get(4));
        hub.publish("news", SseMessage.of("live"));

        sink.awaitEvents(6, WAIT);
        assertThat(sink.data()).containsExactly("m5", "m6", "m7", "m8", "m9", "live");
        assertThat(sink.events().get(0).id()).isEqualTo(ids.get(5));
    }

    @Test
    void aClientThatMissedNothingGetsNothingReplayed() throws Exception {
        List<String> ids = publish("news", 3);
        RecordingSink sink = new RecordingSink();

        hub.subscribe("news", sink, ids.get(2));
        hub.publish("news", SseMessage.of("next"));

        sink.awaitEvents(1, WAIT);
        assertThat(sink.data()).containsExactly("next");
    }

    @Test
    void anUnknownIdStartsTheStreamWithTheGapEvent() throws Exception {
        List<String> ids = publish("news", 3);
        RecordingSink sink = new RecordingSink();

        hub.subscribe("news", sink, "no-such-id");
        hub.publish("news", SseMessage.of("live"));

        sink.awaitEvents(2, WAIT);
        SseEvent gap = sink.events().get(0);
        assertThat(gap.event()).isEqualTo("sse-gap");
        assertThat(gap.data()).isEqualTo("no-such-id");
        assertThat(gap.id()).as("the client resumes from the newest id after reloading").isEqualTo(ids.get(2));
        assertThat(sink.data().get(1)).isEqualTo("live");
    }

    @Test
    void aGapOnAChannelWithNoHistoryNamesTheBeginningSoTheClientKeepsItsPlace() throws Exception {
        RecordingSink sink = new RecordingSink();

        hub.subscribe("empty", sink, "41");

        sink.awaitEvents(1, WAIT);
        SseEvent gap = sink.events().get(0);
        assertThat(gap.event()).isEqualTo("sse-gap");
        assertThat(gap.id()).isNotEmpty();
        String published = hub.publish("empty", SseMessage.of("after the gap")).id();

        RecordingSink resumed = new RecordingSink();
        hub.subscribe("empty", resumed, gap.id());
        resumed.awaitEvents(1, WAIT);
        assertThat(resumed.events()).extracting(SseEvent::id, SseEvent::data)
                .containsExactly(tuple(published, "after the gap"));
    }

    @Test
    void aFreshStreamOpensWithTheRetryAndThenItsPositionAsAnIdOnlyBlock() throws Exception {
        publish("elsewhere", 3);
        RecordingSink sink = new RecordingSink();

        hub.subscribe("fresh", sink, null);

        sink.await(WAIT, recorded -> recorded.raw().contains("id:"));
        assertThat(sink.raw()).isEqualTo("retry: 3000\n\nid: 3\n\n");
        assertThat(sink.events()).as("an id-only block dispatches nothing").isEmpty();
    }

    @Test
    void aFreshStreamOnAChannelWithHistoryStartsAtItsNewestEvent() throws Exception {
        List<String> ids = publish("news", 3);
        publish("elsewhere", 1);
        RecordingSink sink = new RecordingSink();

        hub.subscribe("news", sink, null);

        sink.await(WAIT, recorded -> recorded.raw().contains("id:"));
        assertThat(sink.raw()).endsWith("id: " + ids.get(2) + "\n\n");
    }

    @Test
    void aClientThatLeavesBeforeItsFirstEventResumesFromItsPositionWithNothingLost() throws Exception {
        RecordingSink first = new RecordingSink();
        hub.subscribe("news", first, null);
        first.await(WAIT, recorded -> recorded.raw().contains("id:"));
        String position = first.raw().substring(first.raw().indexOf("id: ") + 4).trim();
        hub.closeChannel("news");
        assertThat(first.awaitClosed(WAIT)).isTrue();

        List<String> whileAway = publish("news", 3);
        RecordingSink resumed = new RecordingSink();
        hub.subscribe("news", resumed, position);
        hub.publish("news", SseMessage.of("live"));

        resumed.awaitEvents(4, WAIT);
        assertThat(resumed.data()).containsExactly("m0", "m1", "m2", "live");
        assertThat(resumed.events().get(0).id()).isEqualTo(whileAway.get(0));
    }

    @Test
    void anIdOlderThanTheWindowIsAGapButTheNewestEvictedIdIsNot() throws Exception {
        hub.shutdown();
        hub = hub(SseSettings.builder().replaySize(3));
        List<String> ids = publish("news", 5);

        RecordingSink tooOld = new RecordingSink();
        hub.subscribe("news", tooOld, ids.get(0));
        RecordingSink justInTime = new RecordingSink();
        hub.subscribe("news", justInTime, ids.get(1));

        tooOld.awaitEvents(1, WAIT);
        assertThat(tooOld.events()).extracting(SseEvent::event).containsExactly("sse-gap");
        justInTime.awaitEvents(3, WAIT);
        assertThat(justInTime.data()).containsExactly("m2", "m3", "m4");
    }

    @Test
    void historyOutlivesTheChannelUntilItsTtl() throws Exception {
        hub.shutdown();
        hub = hub(SseSettings.builder().replayTtl(Duration.ofMinutes(1)));
        Subscription first = hub.subscribe("room", new RecordingSink(), null);
        List<String> ids = publish("room", 3);
        first.disconnected();
        SseHubTest.awaitCondition(() -> !hub.hasChannel("room"));

        RecordingSink back = new RecordingSink();
        hub.subscribe("room", back, ids.get(0));
        back.awaitEvents(2, WAIT);
        assertThat(back.data()).containsExactly("m1", "m2");
        back.close();

        clock.advance(Duration.ofMinutes(2));
        hub.runMaintenance();
        RecordingSink late = new RecordingSink();
        hub.subscribe("room", late, ids.get(0));
        late.awaitEvents(1, WAIT);
        assertThat(late.events()).extracting(SseEvent::event).containsExactly("sse-gap");
    }

    @Test
    void replayAndLiveJoinWithNoGapAndNoDuplicateWhilePublishersRun() throws Exception {
        hub.shutdown();
        hub = hub(SseSettings.builder().replaySize(100_000).queueCapacity(100_000));
        List<String> published = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        Future<?> publisher = threads.submit(() -> {
            for (int i = 0; i < 20_000; i++) {
                published.add(hub.publish("ticks", SseMessage.of(Integer.toString(i))).id());
            }
            return null;
        });
        Map<RecordingSink, Integer> resumers = new ConcurrentHashMap<>();
        Future<?> subscriber = threads.submit(() -> {
            while (!publisher.isDone() && resumers.size() < 40) {
                int seen = published.size();
                if (seen > 0) {
                    RecordingSink sink = new RecordingSink();
                    resumers.put(sink, seen - 1);
                    hub.subscribe("ticks", sink, published.get(seen - 1));
                }
                Thread.sleep(5);
            }
            return null;
        });
        publisher.get(60, TimeUnit.SECONDS);
        subscriber.get(60, TimeUnit.SECONDS);
        threads.shutdown();

        assertThat(resumers).hasSizeGreaterThan(10);
        for (Map.Entry<RecordingSink, Integer> entry : resumers.entrySet()) {
            List<String> expected = published.subList(entry.getValue() + 1, published.size());
            entry.getKey().awaitEvents(expected.size(), WAIT);
            assertThat(entry.getKey().events()).extracting(SseEvent::id)
                    .as("resumed after index %d", entry.getValue()).containsExactlyElementsOf(expected);
        }
    }
}
