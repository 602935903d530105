package dev.sseboot.test.broker;

import dev.sseboot.core.broker.Replay;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The contract of {@link SseBroker}, as one JUnit 5 test class that a broker's own test extends.
 * Every broker the hub can run on passes it: the in-memory broker, the Redis broker, and yours.
 *
 * <p>A subclass says how to make the broker and declares where brokers may differ; the kit starts
 * and closes every broker it makes. It proves that a broker assigns ids to messages without one
 * and keeps or replaces ids the publisher set, as declared; delivers each channel's events in id
 * order, one call at a time per channel, with increasing positions, also with several publishers
 * at once; answers a replay after a known id with exactly the newer events and the position of the
 * newest, and with a gap for an unknown or forgotten id that names where to go on from; names a
 * channel's head, with or without history, as an id that replays exactly what is published after
 * it; keeps the newest {@code replaySize}
 * events; answers a channel's history with its newest events, oldest first, as many as asked and
 * never more than it keeps; tolerates a channel's opens and closes out of order; is available when it runs; and
 * stops delivering when closed.
 *
 * <pre>{@code
 * class KafkaSseBrokerContractTest extends AbstractSseBrokerContractTest {
 *
 *     @Override
 *     protected SseBroker createBroker(int replaySize) {
 *         return new KafkaSseBroker(kafka.bootstrapServers(), replaySize, Duration.ofMinutes(5));
 *     }
 *
 *     @Override
 *     protected PublisherIds publisherIds() {
 *         return PublisherIds.REPLACED; // offsets are the event ids
 *     }
 * }
 * }</pre>
 *
 * <p>Each test uses channels of its own, so brokers of one test class may share a server.
 * Add {@code dev.sseboot:sse-test} with test scope; it brings JUnit Jupiter's API, AssertJ and
 * Awaitility.
 */
public abstract class AbstractSseBrokerContractTest {

    /** What a broker does with an id the publisher set on a message. */
    public enum PublisherIds {
        /** The event keeps the publisher's id (the in-memory broker). */
        KEPT,
        /** The broker replaces it with an id of its own; every other field is kept (the Redis broker). */
        REPLACED
    }

    private final String channelPrefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final List<SseBroker> running = new ArrayList<>();

    /**
     * A new broker, not yet started, whose replay window keeps at least {@code replaySize} events per
     * channel (0 keeps none) and whose replay ttl is long enough that nothing expires during a test
     * (a few minutes).
     */
    protected abstract SseBroker createBroker(int replaySize);

    /** What the broker does with an id the publisher set. */
    protected abstract PublisherIds publisherIds();

    /**
     * How many events beyond {@code replaySize} the broker may still replay: 0 for a broker that
     * trims exactly. A broker that trims coarsely (Redis's {@code MAXLEN ~} removes whole stream
     * nodes) says by how much.
     */
    protected int replayWindowSlack() {
        return 0;
    }

    /** How long an event may take from publish to delivery. */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(10);
    }

    @AfterEach
    public void closeBrokers() {
        running.forEach(SseBroker::close);
    }

    @Test
    public void aMessageWithoutAnIdGetsOneAndKeepsEveryOtherField() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = opened(broker, "ids");
        SseMessage sent = SseMessage.builder().event("price").data("line 1\nline 2\r\n\nü €")
                .retry(Duration.ofSeconds(7)).comment("note").build();

        List<SseMessage> stored = List.of(broker.publish(channel, sent), broker.publish(channel, SseMessage.of("b")),
                broker.publish(channel, SseMessage.of("c")));

        assertThat(stored).extracting(SseMessage::id).doesNotContainNull().doesNotContain("").doesNotHaveDuplicates();
        assertThat(stored.get(0)).isEqualTo(sent.withId(stored.get(0).id()));
        awaitDeliveries(deliveries, channel, 3);
        assertThat(deliveries.of(channel)).extracting(Deliveries.Delivered::message).containsExactlyElementsOf(stored);
    }

    @Test
    public void anIdThePublisherSetIsKeptOrReplacedAsDeclared() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = opened(broker, "publisher-ids");
        SseMessage sent = SseMessage.builder().id("order-17").event("order").data("x").build();

        SseMessage stored = broker.publish(channel, sent);
        String next = broker.publish(channel, SseMessage.of("next")).id();

        if (publisherIds() == PublisherIds.KEPT) {
            assertThat(stored).isEqualTo(sent);
            assertThat(broker.replay(channel, "order-17").events()).extracting(SseMessage::id).containsExactly(next);
        } else {
            assertThat(stored.id()).isNotEqualTo("order-17");
            assertThat(stored).isEqualTo(sent.withId(stored.id()));
            assertThat(broker.replay(channel, "order-17").gap()).as("a replay after the replaced id").isTrue();
        }
        awaitDeliveries(deliveries, channel, 2);
        assertThat(deliveries.ids(channel)).containsExactly(stored.id(), next);
    }

    @Test
    public void eachChannelIsDeliveredInIdOrderOneCallAtATimeWithIncreasingPositions() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(1000, deliveries);
        List<String> channels = List.of(opened(broker, "a"), opened(broker, "b"), opened(broker, "c"));
        List<List<String>> published = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        for (int i = 0; i < 150; i++) {
            int c = i % channels.size();
            published.get(c).add(broker.publish(channels.get(c), SseMessage.of(Integer.toString(i))).id());
        }

        for (int c = 0; c < channels.size(); c++) {
            String channel = channels.get(c);
            awaitDeliveries(deliveries, channel, 50);
            assertThat(deliveries.ids(channel)).as("ids delivered on %s", channel)
                    .containsExactlyElementsOf(published.get(c));
            assertThat(deliveries.of(channel)).extracting(Deliveries.Delivered::position).isSorted()
                    .doesNotHaveDuplicates();
        }
        assertThat(deliveries.overlappingCalls()).as("calls for one channel while another was under way").isZero();
    }

    @Test
    public void concurrentPublishersOnOneChannelKeepItsOrder() throws Exception {
        int publishers = 4;
        int each = 100;
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(1000, deliveries);
        String channel = opened(broker, "concurrent");
        ExecutorService threads = Executors.newFixedThreadPool(publishers);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int p = 0; p < publishers; p++) {
                String publisher = "p" + p;
                Callable<List<String>> publishAll = () -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        ids.add(broker.publish(channel, SseMessage.of(publisher + "-" + i)).id());
                    }
                    return ids;
                };
                results.add(threads.submit(publishAll));
            }
            List<List<String>> publishedBy = new ArrayList<>();
            for (Future<List<String>> result : results) {
                publishedBy.add(result.get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS));
            }
            awaitDeliveries(deliveries, channel, publishers * each);

            List<String> delivered = deliveries.ids(channel);
            assertThat(delivered).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(publishedBy.stream().flatMap(List::stream).toList());
            for (List<String> ids : publishedBy) {
                assertThat(delivered).as("one publisher's events, in its order").containsSubsequence(ids);
            }
            assertThat(deliveries.of(channel)).extracting(Deliveries.Delivered::position).isSorted()
                    .doesNotHaveDuplicates();
            assertThat(deliveries.overlappingCalls()).as("calls for one channel while another was under way").isZero();
            assertThat(broker.replay(channel, delivered.get(0)).events()).extracting(SseMessage::id)
                    .as("replay order is delivery order").containsExactlyElementsOf(delivered.subList(1, delivered.size()));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    public void aReplayAfterAKnownIdHasExactlyTheNewerEventsAndThePositionOfTheNewest() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = opened(broker, "replay");
        List<SseMessage> stored = publishBeside(broker, channel, opened(broker, "replay-other"), 5);
        awaitDeliveries(deliveries, channel, 5);
        String newest = stored.get(4).id();

        for (int i = 0; i < 5; i++) {
            Replay replay = broker.replay(channel, stored.get(i).id());

            assertThat(replay.gap()).as("gap after event %s", i).isFalse();
            assertThat(replay.events()).as("events after event %s", i).containsExactlyElementsOf(stored.subList(i + 1, 5));
            assertThat(replay.latestId()).isEqualTo(newest);
            assertThat(replay.position()).as("the seam: the position the newest event was delivered with")
                    .isEqualTo(deliveries.positionOf(channel, newest));
        }
    }

    @Test
    public void anUnknownIdIsAGapThatNamesTheNewestEvent() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = opened(broker, "unknown");
        String newest = null;
        for (int i = 0; i < 3; i++) {
            newest = broker.publish(channel, SseMessage.of(Integer.toString(i))).id();
        }
        awaitDeliveries(deliveries, channel, 3);

        Replay replay = broker.replay(channel, "no-such-id");

        assertThat(replay.gap()).isTrue();
        assertThat(replay.events()).isEmpty();
        assertThat(replay.latestId()).isEqualTo(newest);
        assertThat(replay.position()).isEqualTo(deliveries.positionOf(channel, newest));
    }

    @Test
    public void aGapOnAChannelWithoutHistoryNamesAnIdToGoOnFrom() {
        SseBroker broker = started(100, new Deliveries());
        String channel = opened(broker, "gap-without-history");

        Replay gap = broker.replay(channel, "no-such-id");

        assertThat(gap.gap()).isTrue();
        assertThat(gap.events()).isEmpty();
        assertThat(gap.latestId()).as("where the client goes on from").isNotNull();
        Replay goingOn = broker.replay(channel, gap.latestId());
        assertThat(goingOn.gap()).isFalse();
        assertThat(goingOn.events()).isEmpty();
    }

    @Test
    public void theHeadOfAChannelWithoutHistoryReplaysExactlyWhatIsPublishedAfterIt() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = opened(broker, "head-without-history");
        String other = opened(broker, "head-without-history-other");
        broker.publish(other, SseMessage.of("before, elsewhere"));

        Replay head = broker.head(channel);
        Replay quiet = broker.replay(channel, head.latestId());
        List<SseMessage> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stored.add(broker.publish(channel, SseMessage.of(Integer.toString(i))));
            broker.publish(other, SseMessage.of("elsewhere " + i));
        }
        awaitDeliveries(deliveries, channel, 3);

        assertThat(head.gap()).isFalse();
        assertThat(head.events()).isEmpty();
        assertThat(head.latestId()).as("the broker's beginning").isNotNull();
        assertThat(quiet.gap()).as("a resume while the channel is quiet").isFalse();
        assertThat(quiet.events()).isEmpty();
        Replay resumed = broker.replay(channel, head.latestId());
        assertThat(resumed.gap()).isFalse();
        assertThat(resumed.events()).containsExactlyElementsOf(stored);
        assertThat(deliveries.of(channel)).extracting(Deliveries.Delivered::position)
                .as("the head covers no event published after it").allMatch(position -> position > head.position());
    }

    @Test
    public void theHeadOfAChannelWithHistoryIsItsNewestEvent() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = opened(broker, "head-with-history");
        broker.publish(channel, SseMessage.of("older"));
        String newest = broker.publish(channel, SseMessage.of("newest")).id();
        awaitDeliveries(deliveries, channel, 2);

        Replay head = broker.head(channel);
        String next = broker.publish(channel, SseMessage.of("next")).id();

        assertThat(head.gap()).isFalse();
        assertThat(head.events()).isEmpty();
        assertThat(head.latestId()).isEqualTo(newest);
        assertThat(head.position()).isEqualTo(deliveries.positionOf(channel, newest));
        assertThat(broker.replay(channel, head.latestId()).events()).extracting(SseMessage::id).containsExactly(next);
    }

    @Test
    public void theReplayWindowKeepsTheNewestReplaySizeEventsAndForgetsOlderOnes() {
        int replaySize = 5;
        int total = replaySize + replayWindowSlack() + 10;
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(replaySize, deliveries);
        String channel = opened(broker, "window");
        List<SseMessage> stored = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            stored.add(broker.publish(channel, SseMessage.of(Integer.toString(i))));
        }
        awaitDeliveries(deliveries, channel, total);

        Replay kept = broker.replay(channel, stored.get(total - replaySize).id());
        Replay forgotten = broker.replay(channel, stored.get(0).id());

        assertThat(kept.gap()).as("a replay after the oldest of the newest %s events", replaySize).isFalse();
        assertThat(kept.events()).containsExactlyElementsOf(stored.subList(total - replaySize + 1, total));
        assertThat(forgotten.gap()).as("a replay after an event %s older than the newest", total - 1).isTrue();
        assertThat(forgotten.events()).isEmpty();
        assertThat(forgotten.latestId()).isEqualTo(stored.get(total - 1).id());
        List<SseMessage> history = broker.history(channel, total);
        assertThat(history).as("the history holds the window").hasSizeBetween(replaySize, replaySize + replayWindowSlack())
                .containsExactlyElementsOf(stored.subList(total - history.size(), total));
    }

    @Test
    public void historyIsTheNewestEventsOldestFirst() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = opened(broker, "history");
        List<SseMessage> stored = publishBeside(broker, channel, opened(broker, "history-other"), 5);
        awaitDeliveries(deliveries, channel, 5);

        assertThat(broker.history(channel, 1)).as("the newest").containsExactly(stored.get(4));
        assertThat(broker.history(channel, 3)).as("the newest three, oldest first")
                .containsExactlyElementsOf(stored.subList(2, 5));
        assertThat(broker.history(channel, 50)).as("more than there are").containsExactlyElementsOf(stored);
        assertThat(broker.history(channel, 0)).isEmpty();
        assertThat(broker.history(channel("history-never-published"), 5)).isEmpty();
        assertThat(catchThrowable(() -> broker.history(channel, -1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void withReplaySizeZeroEveryOlderIdIsAGap() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(0, deliveries);
        String channel = opened(broker, "no-history");
        String first = broker.publish(channel, SseMessage.of("0")).id();
        broker.publish(channel, SseMessage.of("1"));
        awaitDeliveries(deliveries, channel, 2);

        Replay replay = broker.replay(channel, first);

        assertThat(replay.gap()).isTrue();
        assertThat(replay.events()).isEmpty();
    }

    @Test
    public void opensAndClosesOfAChannelMayArriveOutOfOrder() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = channel("reopened");

        // The hub may report a channel's reopening before the close of its previous opening.
        broker.channelOpened(channel);
        broker.channelOpened(channel);
        broker.channelClosed(channel);
        String stillServed = broker.publish(channel, SseMessage.of("still served")).id();
        broker.channelClosed(channel);
        broker.channelOpened(channel);
        String servedAgain = broker.publish(channel, SseMessage.of("served again")).id();

        awaitDeliveries(deliveries, channel, 2);
        assertThat(deliveries.ids(channel)).containsExactly(stillServed, servedAgain);
    }

    @Test
    public void aRunningBrokerIsAvailable() {
        SseBroker broker = started(100, new Deliveries());
        broker.publish(opened(broker, "available"), SseMessage.of("x"));

        assertThat(broker.isAvailable()).isTrue();
    }

    @Test
    public void aClosedBrokerDeliversNothingMore() {
        Deliveries deliveries = new Deliveries();
        SseBroker broker = started(100, deliveries);
        String channel = opened(broker, "closed");
        broker.publish(channel, SseMessage.of("before close"));
        awaitDeliveries(deliveries, channel, 1);

        running.remove(broker);
        broker.close();
        Throwable refused = catchThrowable(() -> broker.publish(channel, SseMessage.of("after close")));

        assertThat(refused).as("a publish to a closed broker either fails as documented or is not delivered")
                .satisfiesAnyOf(thrown -> assertThat(thrown).isNull(),
                        thrown -> assertThat(thrown).isInstanceOfAny(IllegalStateException.class,
                                SseBrokerException.class));
        await().during(Duration.ofMillis(500)).atMost(deliveryTimeout())
                .untilAsserted(() -> assertThat(deliveries.of(channel)).hasSize(1));
    }

    /** A channel name of this test's own. */
    protected final String channel(String name) {
        return channelPrefix + name;
    }

    private SseBroker started(int replaySize, Deliveries deliveries) {
        SseBroker broker = createBroker(replaySize);
        running.add(broker);
        broker.start(deliveries);
        return broker;
    }

    /** A channel of this test's own, opened as the hub opens it for its first local subscriber. */
    private String opened(SseBroker broker, String name) {
        String channel = channel(name);
        broker.channelOpened(channel);
        return channel;
    }

    /** Publishes {@code count} events to the channel, each followed by one to {@code other}; returns the channel's as stored. */
    private static List<SseMessage> publishBeside(SseBroker broker, String channel, String other, int count) {
        List<SseMessage> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(broker.publish(channel, SseMessage.of(Integer.toString(i))));
            broker.publish(other, SseMessage.of("other " + i));
        }
        return stored;
    }

    private void awaitDeliveries(Deliveries deliveries, String channel, int count) {
        await().atMost(deliveryTimeout()).untilAsserted(() ->
                assertThat(deliveries.of(channel)).as("deliveries on %s", channel).hasSizeGreaterThanOrEqualTo(count));
    }
}
