package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** {@link SseSettings#replayOnConnect()}: a fresh stream gets each channel's newest event once, then what follows. */
class ReplayOnConnectTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Hubs hubs = new Hubs();
    private SseHub hub = hubs.with(SseSettings.builder().replayOnConnect(ReplayOnConnect.LATEST));

    private String publish(String channel, String data) {
        return hub.publish(channel, SseMessage.of(data)).id();
    }

    @Test
    void aFreshStreamGetsItsChannelsNewestEventFirstThenWhatFollows() throws Exception {
        publish("state", "m0");
        publish("state", "m1");
        String newest = publish("state", "m2");
        RecordingSink sink = new RecordingSink();

        hub.subscribe("state", sink, null);
        String live = publish("state", "live");

        sink.awaitEvents(2, WAIT);
        assertThat(sink.raw()).isEqualTo("retry: 3000\n\nid: " + newest + "\ndata: m2\n\nid: " + live + "\ndata: live\n\n");
    }

    @Test
    void aChannelWithoutHistoryStartsAtItsHeadAsWithoutTheSetting() throws Exception {
        publish("elsewhere", "x");
        RecordingSink sink = new RecordingSink();

        hub.subscribe("empty", sink, null);

        sink.await(WAIT, recorded -> recorded.raw().contains("id:"));
        assertThat(sink.raw()).isEqualTo("retry: 3000\n\nid: 1\n\n");
    }

    @Test
    void aResumedStreamGetsWhatItMissedAndNotTheNewestAgain() throws Exception {
        publish("state", "m0");
        String seen = publish("state", "m1");
        RecordingSink sink = new RecordingSink();

        hub.subscribe("state", sink, seen);
        publish("state", "live");

        sink.awaitEvents(1, WAIT);
        assertThat(sink.data()).containsExactly("live");
    }

    @Test
    void onlyTheChosenChannelsGetTheirNewest() throws Exception {
        hub = hubs.with(SseSettings.builder().replayOnConnect(ReplayOnConnect.LATEST)
                .replayOnConnectChannels(List.of("prices/*", "ticker")));
        Map<String, String> ids = new HashMap<>();
        for (String channel : List.of("prices/ACME", "prices/ACME/x", "ticker", "news")) {
            ids.put(channel, publish(channel, "state of " + channel));
        }

        for (String channel : List.of("prices/ACME", "ticker")) {
            RecordingSink sink = new RecordingSink();
            hub.subscribe(channel, sink, null);
            sink.awaitEvents(1, WAIT);
            assertThat(sink.data()).containsExactly("state of " + channel);
        }
        for (String channel : List.of("prices/ACME/x", "news")) {
            RecordingSink sink = new RecordingSink();
            hub.subscribe(channel, sink, null);
            sink.await(WAIT, recorded -> recorded.raw().contains("id:"));
            assertThat(sink.events()).as(channel).isEmpty();
            assertThat(sink.lastEventId()).as("%s starts at its head", channel).isEqualTo(ids.get(channel));
        }
    }

    @Test
    void aFreshMultiplexedStreamGetsEachChannelsNewestInItsOpeningAndPatternsNone() throws Exception {
        publish("a", "a0");
        String a1 = publish("a", "a1");
        String b0 = publish("b", "b0");
        publish("news/x", "n0");
        RecordingSink sink = new RecordingSink();

        hub.subscribe(List.of("a", "empty", "news/*", "b"), sink, null, null);
        String live = publish("news/x", "n1");

        sink.awaitEvents(3, WAIT);
        assertThat(sink.raw()).startsWith("retry: 3000\n\nid: |" + a1 + ",4,," + b0 + "\n\n");
        assertThat(sink.events()).extracting(SseEvent::data, SseEvent::id).containsExactly(
                tuple("a1", "a|" + a1 + ",4,," + b0),
                tuple("b0", "b|" + a1 + ",4,," + b0),
                tuple("n1", "news/x|" + a1 + ",4,," + b0));
        assertThat(live).isEqualTo("5");
    }

    @Test
    void aSingleChannelStreamOpenedWhilePublishersRunMissesAndRepeatsNothingAfterItsNewest() throws Exception {
        assertSeamWhilePublishing(sink -> hub.subscribe("counter", sink, null), event -> "counter", id -> id);
    }

    @Test
    void aMultiplexedStreamOpenedWhilePublishersRunMissesAndRepeatsNothingAfterEachNewest() throws Exception {
        assertSeamWhilePublishing(sink -> hub.subscribe(List.of("other/*", "counter"), sink, null, null),
                event -> CompositeEventId.parse(event.id(), 2).source(), id -> "counter|," + id);
    }

    /**
     * Fifty streams open, each while a publisher writes the next twenty values of 0, 1, 2, … to
     * {@code counter} (and noise to {@code other/x} before each): each stream must get an unbroken
     * run of the counter from the newest value at its opening to the last, every value once.
     *
     * @param lastEventIdAt the client's last event id once it has the counter's event with this id
     */
    private void assertSeamWhilePublishing(Function<RecordingSink, Subscription> open,
            Function<SseEvent, String> channelOf, UnaryOperator<String> lastEventIdAt) throws Exception {
        int streams = 50;
        int burst = 20;
        hub = hubs.with(SseSettings.builder().replayOnConnect(ReplayOnConnect.LATEST).queueCapacity(4 * streams * burst));
        String lastId = publish("counter", "0");
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        List<RecordingSink> sinks = new ArrayList<>();
        try {
            for (int s = 0; s < streams; s++) {
                int from = 1 + s * burst;
                Future<String> publishing = publisher.submit(() -> {
                    String id = null;
                    for (int i = from; i < from + burst; i++) {
                        publish("other/x", "noise");
                        id = publish("counter", Integer.toString(i));
                    }
                    return id;
                });
                RecordingSink sink = new RecordingSink();
                open.apply(sink);
                sinks.add(sink);
                lastId = publishing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            publisher.shutdownNow();
        }

        String expectedLastEventId = lastEventIdAt.apply(lastId);
        for (RecordingSink sink : sinks) {
            sink.await(WAIT, recorded -> recorded.lastEventId().equals(expectedLastEventId));
            List<Integer> counter = sink.events().stream().filter(e -> channelOf.apply(e).equals("counter"))
                    .map(e -> Integer.parseInt(e.data())).toList();
            assertThat(counter.get(counter.size() - 1)).isEqualTo(streams * burst);
            for (int i = 1; i < counter.size(); i++) {
                assertThat(counter.get(i)).as("after %s in %s", counter.get(i - 1), counter)
                        .isEqualTo(counter.get(i - 1) + 1);
            }
        }
    }

    @Test
    void historyReadsTheNewestEventsOldestFirst() {
        publish("state", "m0");
        publish("state", "m1");
        publish("state", "m2");

        assertThat(hub.history("state", 2)).extracting(SseMessage::data).containsExactly("m1", "m2");
        assertThat(hub.history("never", 2)).isEmpty();
        assertThatThrownBy(() -> hub.history("../state", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hub.history("state", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSettingIsOffByDefaultAndItsChannelsMustBeNamesOrPatterns() {
        assertThat(SseSettings.defaults().replayOnConnect()).isEqualTo(ReplayOnConnect.NONE);
        assertThat(SseSettings.defaults().replayOnConnectChannels()).isEmpty();
        assertThat(SseSettings.builder().replayOnConnectChannels(List.of("a", "b/*", "c/**")).build()
                .replayOnConnectChannels()).isEqualTo(Set.of("a", "b/*", "c/**"));
        assertThatThrownBy(() -> SseSettings.builder().replayOnConnectChannels(List.of("a", "b/**/c")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replayOnConnectChannels");
        assertThatThrownBy(() -> SseSettings.builder().replayOnConnectChannels(List.of("../a")).build())
                .hasMessageContaining("replayOnConnectChannels");
        assertThatThrownBy(() -> SseSettings.builder().replayOnConnect(null).build())
                .hasMessageContaining("replayOnConnect");
    }
}
