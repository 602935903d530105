package dev.sseboot.core.hub;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Several channels and patterns on one stream: the wire, the patterns, resuming each channel, the caps. */
class MultiplexedStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Hubs hubs = new Hubs();
    private SseHub hub = hubs.with(SseSettings.builder());

    private String publish(String channel, String data) {
        return hub.publish(channel, SseMessage.of(data)).id();
    }

    private static CompositeEventId idOf(SseEvent event, int entries) {
        return CompositeEventId.parse(event.id(), entries);
    }

    @Test
    void eventsArriveAsPublishedEachWithTheSourceAndThePositionOfEveryEntry() throws Exception {
        publish("elsewhere", "before");
        RecordingSink sink = new RecordingSink();

        hub.subscribe(List.of("a", "prices/ACME", "news/*"), sink, null, null);
        sink.await(WAIT, recorded -> recorded.raw().contains("id:"));
        assertThat(sink.raw()).as("the opening: retry, then every channel's head").isEqualTo("retry: 3000\n\nid: |1,1,\n\n");

        hub.publish("prices/ACME", SseMessage.builder().event("price").data("42\n43").retry(Duration.ofSeconds(7)).build());
        hub.publish("news/today", SseMessage.builder().data("hello").comment("note").build());
        publish("a", "first a");
        sink.awaitEvents(3, WAIT);

        assertThat(sink.raw()).isEqualTo("retry: 3000\n\nid: |1,1,\n\n"
                + "event: price\nretry: 7000\ndata: 42\ndata: 43\nid: prices/ACME|1,2,\n\n"
                + ": note\ndata: hello\nid: news/today|1,2,\n\n"
                + "data: first a\nid: a|4,2,\n\n");
        assertThat(sink.events()).extracting(SseEvent::event, SseEvent::data, SseEvent::id).containsExactly(
                tuple("price", "42\n43", "prices/ACME|1,2,"),
                tuple("message", "hello", "news/today|1,2,"),
                tuple("message", "first a", "a|4,2,"));
    }

    @Test
    void aStreamOfOneEntryStillCarriesCompositeIds() throws Exception {
        RecordingSink sink = new RecordingSink();

        hub.subscribe(List.of("solo"), sink, null, null);
        String id = publish("solo", "x");

        sink.awaitEvents(1, WAIT);
        assertThat(sink.raw()).isEqualTo("retry: 3000\n\nid: |0\n\ndata: x\nid: solo|" + id + "\n\n");
    }

    @Test
    void publisherIdsAreEscapedInTheCompositeIdAndAResumeFindsThemAgain() throws Exception {
        RecordingSink first = new RecordingSink();
        Subscription subscription = hub.subscribe(List.of("news/*", "a"), first, null, null);

        hub.publish("a", SseMessage.builder().id("x,y|z%").data("odd id").build());
        first.awaitEvents(1, WAIT);
        assertThat(first.events().get(0).id()).isEqualTo("a|,x%2Cy%7Cz%25");
        assertThat(idOf(first.events().get(0), 2).positions()).containsExactly("", "x,y|z%");
        subscription.disconnected();

        String next = publish("a", "after the odd one");
        RecordingSink resumed = new RecordingSink();
        hub.subscribe(List.of("news/*", "a"), resumed, first.lastEventId(), null);
        resumed.awaitEvents(2, WAIT);
        assertThat(resumed.events()).extracting(SseEvent::event, SseEvent::data, SseEvent::id).containsExactly(
                tuple("sse-gap", "", "news/*|,x%2Cy%7Cz%25"),
                tuple("message", "after the odd one", "a|," + next));
    }

    @Test
    void patternsCoverOneSegmentOrSeveralIncludingChannelsCreatedLater() throws Exception {
        RecordingSink sink = new RecordingSink();
        hub.subscribe(List.of("prices/*", "news/**"), sink, null, null);

        publish("prices/ACME", "p1");
        publish("prices/ACME/x", "too deep for prices/*");
        publish("prices", "not below prices/");
        publish("news/today", "n1");
        publish("news/today/noon", "n2");
        publish("news", "not below news/");
        publish("newsletter/x", "other prefix");
        publish("prices/BRAND-NEW", "p2");

        sink.awaitEvents(4, WAIT);
        hub.publish("prices/ACME", SseMessage.of("fence"));
        sink.awaitEvents(5, WAIT);
        assertThat(sink.data()).containsExactly("p1", "n1", "n2", "p2", "fence");
        assertThat(sink.events()).extracting(event -> idOf(event, 2).source())
                .containsExactly("prices/ACME", "news/today", "news/today/noon", "prices/BRAND-NEW", "prices/ACME");
        assertThat(hub.channels()).as("patterns are no channels of their own").isEmpty();
        assertThat(hub.subscriberCount("prices/ANY")).isEqualTo(1);
        assertThat(hub.subscriberCount("prices/ANY/deeper")).isZero();
    }

    @Test
    void anEventCoveredByOverlappingEntriesArrivesOnceAndMovesTheChannelsOwnPosition() throws Exception {
        RecordingSink sink = new RecordingSink();
        List<String> entries = List.of("prices/*", "prices/ACME", "prices/**");
        hub.subscribe(entries, sink, null, null);
        RecordingSink exactFirst = new RecordingSink();
        hub.subscribe(List.of("prices/ACME", "prices/*"), exactFirst, null, null);
        RecordingSink single = new RecordingSink();
        hub.subscribe("prices/ACME", single, null);

        PublishResult result = hub.publish("prices/ACME", SseMessage.of("once"));
        publish("prices/ACME/deep", "through ** only");
        String newest = publish("prices/ACME", "twice?");

        sink.awaitEvents(3, WAIT);
        hub.publish("prices/OTHER", SseMessage.of("fence"));
        sink.awaitEvents(4, WAIT);
        exactFirst.awaitEvents(3, WAIT);
        assertThat(result.localStreams()).as("each stream counted once").isEqualTo(3);
        assertThat(sink.data()).containsExactly("once", "through ** only", "twice?", "fence");
        assertThat(exactFirst.data()).containsExactly("once", "twice?", "fence");
        assertThat(idOf(sink.events().get(0), 3).positions()).containsExactly("", result.id(), "");
        assertThat(idOf(sink.events().get(3), 3).positions().get(1)).as("the exact entry holds its channel's newest")
                .isEqualTo(newest);
    }

    @Test
    void aResumeReplaysEachChannelFromItsOwnPositionBeforeLiveEvents() throws Exception {
        List<String> entries = List.of("a", "b", "c");
        RecordingSink first = new RecordingSink();
        Subscription subscription = hub.subscribe(entries, first, null, null);
        publish("a", "a1");
        publish("b", "b1");
        first.awaitEvents(2, WAIT);
        subscription.disconnected();
        String lastEventId = first.lastEventId();
        publish("b", "b2");
        publish("a", "a2");
        String c1 = publish("c", "c1");
        String a3 = publish("a", "a3");

        RecordingSink resumed = new RecordingSink();
        hub.subscribe(entries, resumed, lastEventId, null);
        String live = publish("b", "live");

        resumed.awaitEvents(5, WAIT);
        assertThat(resumed.data()).as("entry by entry, each in its order, then live")
                .containsExactly("a2", "a3", "b2", "c1", "live");
        assertThat(resumed.writes()).as("the opening is one write").isLessThanOrEqualTo(2);
        assertThat(resumed.raw()).startsWith("retry: 3000\n\nid: |" + lastEventId.substring(lastEventId.indexOf('|') + 1));
        assertThat(idOf(resumed.events().get(4), 3).positions()).containsExactly(a3, live, c1);
    }

    @Test
    void aChannelWhoseHistoryCannotCoverThePositionGetsItsOwnGapEvent() throws Exception {
        hub.shutdown();
        hub = hubs.with(SseSettings.builder().replaySize(3));
        List<String> entries = List.of("busy", "quiet");
        RecordingSink first = new RecordingSink();
        Subscription subscription = hub.subscribe(entries, first, null, null);
        String busyFirst = publish("busy", "b0");
        String quietFirst = publish("quiet", "q0");
        first.awaitEvents(2, WAIT);
        subscription.disconnected();
        String busyNewest = null;
        for (int i = 1; i <= 10; i++) {
            busyNewest = publish("busy", "b" + i);
        }
        String quietNext = publish("quiet", "q1");

        RecordingSink resumed = new RecordingSink();
        hub.subscribe(entries, resumed, first.lastEventId(), null);
        String live = publish("busy", "live");

        resumed.awaitEvents(3, WAIT);
        assertThat(resumed.events()).extracting(SseEvent::event, SseEvent::data, SseEvent::id).containsExactly(
                tuple("sse-gap", busyFirst, "busy|" + busyNewest + "," + quietFirst),
                tuple("message", "q1", "quiet|" + busyNewest + "," + quietNext),
                tuple("message", "live", "busy|" + live + "," + quietNext));
    }

    @Test
    void aResumedStreamGetsAGapEventForEachPatternAndAnEmptyPositionStartsItsChannelAtTheHead() throws Exception {
        publish("x", "before");
        String head = publish("x", "newest before");

        RecordingSink resumed = new RecordingSink();
        hub.subscribe(List.of("news/*", "x", "alerts/**"), resumed, "|,,", null);
        String live = publish("x", "live");

        resumed.awaitEvents(3, WAIT);
        assertThat(resumed.raw()).startsWith("retry: 3000\n\nid: |," + head + ",\n\n");
        assertThat(resumed.events()).extracting(SseEvent::event, SseEvent::data, SseEvent::id).containsExactly(
                tuple("sse-gap", "", "news/*|," + head + ","),
                tuple("sse-gap", "", "alerts/**|," + head + ","),
                tuple("message", "live", "x|," + live + ","));
    }

    @Test
    void malformedOverlongAndWrongCountIdsAreRefusedAndTakeNothing() {
        hub.shutdown();
        hub = hubs.with(SseSettings.builder().maxConnections(1));
        List<String> entries = List.of("a", "b");
        List<String> refused = List.of("12", "a|1", "a|1,2,3", "a|%41,1", "a|1,%", "not a channel|1,2",
                "a|" + "1".repeat(CompositeEventId.maxLength(2)), "a|" + "1".repeat(1025) + ",1");

        for (String lastEventId : refused) {
            assertThatThrownBy(() -> hub.subscribe(entries, new RecordingSink(), lastEventId, null))
                    .as(lastEventId).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Last-Event-ID");
        }

        assertThat(hub.clientCount()).isZero();
        assertThat(hub.channels()).isEmpty();
        hub.subscribe(entries, new RecordingSink(), "b|1,2", null);
        assertThat(hub.clientCount()).as("the refused ones took no place under the cap").isEqualTo(1);
    }

    @Test
    void entriesAreCheckedAndBoundedByTheSetting() {
        List<String> thirtyThree = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            thirtyThree.add("c" + i);
        }

        assertThatThrownBy(() -> hub.subscribe(thirtyThree, new RecordingSink(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 32");
        hub.subscribe(thirtyThree.subList(0, 32), new RecordingSink(), null, null);
        assertThatThrownBy(() -> hub.subscribe(List.of(), new RecordingSink(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> hub.subscribe(List.of("a", "b", "a"), new RecordingSink(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is requested twice");
        assertThatThrownBy(() -> hub.subscribe(List.of("a", "../b"), new RecordingSink(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid channel name");
        assertThatThrownBy(() -> hub.subscribe(List.of("a", "b/**/c"), new RecordingSink(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid channel pattern");

        SseHub small = hubs.with(SseSettings.builder().maxChannelsPerStream(2));
        assertThatThrownBy(() -> small.subscribe(List.of("a", "b", "c"), new RecordingSink(), null, null))
                .hasMessageContaining("at most 2");
        assertThat(hub.clientCount()).isEqualTo(1);
        assertThat(small.clientCount()).isZero();
    }

    @Test
    void aMultiplexedStreamCountsOnceForEveryCap() {
        hub.shutdown();
        hub = hubs.with(SseSettings.builder().maxConnections(2).maxConnectionsPerUser(1).maxConnectionsPerAddress(1));
        RecordingSink fromHome = new AddressedSink("10.0.0.1");

        Subscription alice = hub.subscribe(List.of("a", "b", "c/*"), fromHome, null, "alice");

        assertThat(hub.clientCount()).isEqualTo(1);
        assertThatThrownBy(() -> hub.subscribe(List.of("d"), new AddressedSink("10.0.0.2"), null, "alice"))
                .isInstanceOf(SseRejectedException.class).hasMessageContaining("User");
        assertThatThrownBy(() -> hub.subscribe(List.of("d"), new AddressedSink("10.0.0.1"), null, "bob"))
                .isInstanceOf(SseRejectedException.class).hasMessageContaining("Address");
        hub.subscribe(List.of("d", "e"), new AddressedSink("10.0.0.2"), null, "bob");
        assertThatThrownBy(() -> hub.subscribe("f", new RecordingSink(), null))
                .isInstanceOf(SseRejectedException.class).hasMessageContaining("maximum of 2");

        alice.disconnected();
        hub.subscribe(List.of("a", "b"), new AddressedSink("10.0.0.1"), null, "alice");
        assertThat(hub.clientCount()).isEqualTo(2);
    }

    @Test
    void theBrokerHearsOfEachPatternOnceWhileItHasStreamsAndCanRefuseIt() {
        HookedBroker broker = new HookedBroker();
        broker.onPatternOpened = pattern -> {
            if (pattern.equals("refused/*")) {
                throw new SseBrokerException("cannot route refused/*");
            }
        };
        hub = hubs.with(SseHub.builder().broker(broker));

        Subscription one = hub.subscribe(List.of("a", "news/*"), new RecordingSink(), null, null);
        Subscription two = hub.subscribe(List.of("news/*", "b/**"), new RecordingSink(), null, null);
        assertThatThrownBy(() -> hub.subscribe(List.of("c", "refused/*"), new RecordingSink(), null, null))
                .isInstanceOf(SseBrokerException.class);
        assertThat(hub.clientCount()).isEqualTo(2);
        assertThat(hub.hasChannel("c")).as("the refused stream left the channel it had joined").isFalse();
        one.disconnected();
        assertThat(broker.closedPatterns).isEmpty();
        two.disconnected();

        assertThat(broker.openedPatterns).containsExactly("news/*", "b/**");
        assertThat(broker.closedPatterns).containsExactlyInAnyOrder("news/*", "b/**");
        assertThat(broker.closedChannels).containsExactlyInAnyOrder("a", "c");
        assertThat(hub.clientCount()).isZero();
    }

    @Test
    void listenersSeeTheFirstEntryAsTheChannelAndEveryEntry() throws Exception {
        List<Subscription> subscribed = new CopyOnWriteArrayList<>();
        List<Subscription> closed = new CopyOnWriteArrayList<>();
        hub = hubs.with(SseHub.builder().listener(new SseHubListener() {
            @Override
            public void subscribed(Subscription subscription) {
                subscribed.add(subscription);
            }

            @Override
            public void closed(Subscription subscription, CloseReason reason) {
                closed.add(subscription);
            }
        }));

        RecordingSink sink = new RecordingSink();
        Subscription subscription = hub.subscribe(List.of("news/*", "a"), sink, null, "alice");
        subscription.close();

        assertThat(subscribed).containsExactly(subscription);
        assertThat(subscription.channel()).isEqualTo("news/*");
        assertThat(subscription.channels()).containsExactly("news/*", "a");
        assertThat(subscription.user()).isEqualTo("alice");
        assertThat(sink.awaitClosed(WAIT)).isTrue();
        assertThat(closed).as("heard of before the sink closed").containsExactly(subscription);
        assertThat(hub.subscribe("b", new RecordingSink(), null).channels()).containsExactly("b");
    }

    @Test
    void closingAChannelEndsTheMultiplexedStreamsThatNamedIt() throws Exception {
        RecordingSink named = new RecordingSink();
        RecordingSink throughPattern = new RecordingSink();
        hub.subscribe(List.of("x", "room/1"), named, null, null);
        hub.subscribe(List.of("room/*"), throughPattern, null, null);

        assertThat(hub.closeChannel("room/1")).isEqualTo(1);

        assertThat(named.awaitClosed(WAIT)).isTrue();
        assertThat(throughPattern.isClosed()).isFalse();
        assertThat(hub.channels()).isEmpty();
    }

    @Test
    void manyStreamsShareOneEncodingAndEachKeepsItsOwnPositions() throws Exception {
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingSink sink = new RecordingSink();
            List<String> entries = new ArrayList<>(List.of("shared", "own/" + i));
            Collections.rotate(entries, i);
            hub.subscribe(entries, sink, null, null);
            sinks.add(sink);
        }
        String shared = publish("shared", "to all");

        for (int i = 0; i < sinks.size(); i++) {
            RecordingSink sink = sinks.get(i);
            sink.awaitEvents(1, WAIT);
            assertThat(idOf(sink.events().get(0), 2).positions().get(i % 2 == 0 ? 0 : 1)).isEqualTo(shared);
        }
    }

    /** A client at a given address. */
    private static final class AddressedSink extends RecordingSink {
        private final String address;

        AddressedSink(String address) {
            this.address = address;
        }

        @Override
        public String remoteAddress() {
            return address;
        }
    }
}
