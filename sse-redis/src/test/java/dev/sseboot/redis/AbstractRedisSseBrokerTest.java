package dev.sseboot.redis;

import dev.sseboot.core.broker.Replay;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The broker against a real Redis, one subclass per deployment: ids, order across instances,
 * routing per channel and pattern, replay and gaps.
 */
abstract class AbstractRedisSseBrokerTest {

    protected final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** The Redis this class runs against. */
    protected abstract RedisDeployment redis();

    @AfterEach
    void closeResources() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    protected RedisSseBroker broker(int replaySize) {
        return broker(redis().connectionFactory(), replaySize);
    }

    protected RedisSseBroker broker(LettuceConnectionFactory factory, int replaySize) {
        resources.push(factory::destroy);
        RedisSseBroker broker = new RedisSseBroker(factory, "test:", replaySize, Duration.ofMinutes(5));
        resources.push(broker::close);
        return broker;
    }

    protected RedisSseBroker started(RecordingDelivery delivery) {
        RedisSseBroker broker = broker(1000);
        broker.start(delivery);
        return broker;
    }

    protected static List<String> publish(SseBroker broker, String channel, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(broker.publish(channel, SseMessage.of(Integer.toString(i))).id());
        }
        return ids;
    }

    protected static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void anInstanceGetsEveryEventOfTheChannelsItServesInIdOrderWithIncreasingPositions() throws Exception {
        RecordingDelivery a = new RecordingDelivery();
        RecordingDelivery b = new RecordingDelivery();
        RedisSseBroker instanceA = started(a);
        RedisSseBroker instanceB = started(b);
        instanceA.channelOpened("orders");

        List<String> ids = publish(instanceB, "orders", 0, 200);

        List<RecordingDelivery.Delivered> delivered = a.await("orders", 200, WAIT);
        assertThat(delivered).extracting(item -> item.message().data()).containsExactlyElementsOf(numbers(0, 200));
        assertThat(delivered).extracting(item -> item.message().id()).containsExactlyElementsOf(ids);
        assertThat(delivered).extracting(RecordingDelivery.Delivered::position).isSorted().doesNotHaveDuplicates()
                .allSatisfy(position -> assertThat(position).isPositive());
        assertThat(ids).allMatch(id -> id.matches("\\d+-\\d+"));
        assertThat(redis().commands().xlen("test:{orders}")).isEqualTo(200);
    }

    @Test
    void anInstanceSubscribesToTheChannelsItServesOnlyAndLeavesThemAfterTheLastStream() throws Exception {
        RecordingDelivery a = new RecordingDelivery();
        RedisSseBroker instanceA = started(a);
        RedisSseBroker instanceB = started(new RecordingDelivery());
        instanceA.channelOpened("served");
        instanceA.channelOpened("served");

        publish(instanceB, "elsewhere", 0, 50);
        publish(instanceB, "served", 0, 5);

        a.await("served", 5, WAIT);
        assertThat(redis().subscribers("test:{served}")).isEqualTo(1);
        assertThat(redis().subscribers("test:{elsewhere}")).isZero();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> a.of("elsewhere").isEmpty());

        instanceA.channelClosed("served");
        assertThat(redis().subscribers("test:{served}")).as("one stream is left").isEqualTo(1);
        instanceA.channelClosed("served");
        await().atMost(WAIT).until(() -> redis().subscribers("test:{served}") == 0);
        publish(instanceB, "served", 5, 8);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> a.of("served").size() == 5);
    }

    @Test
    void aPatternBringsExactlyTheChannelsItMatchesOnceEachWhateverElseIsOpen() throws Exception {
        RecordingDelivery a = new RecordingDelivery();
        RedisSseBroker instanceA = started(a);
        RedisSseBroker instanceB = started(new RecordingDelivery());
        instanceA.patternOpened("prices/*");
        instanceA.patternOpened("prices/**");
        instanceA.channelOpened("prices/ACME");

        for (String channel : List.of("prices/ACME", "prices/INIT", "prices/ACME/eu", "prices", "pricesX/ACME",
                "news/ACME", "prices/*")) {
            if (!channel.contains("*")) {
                publish(instanceB, channel, 0, 3);
            }
        }
        publish(instanceB, "prices/last", 0, 1);

        a.await("prices/last", 1, WAIT);
        a.await("prices/ACME/eu", 3, WAIT);
        await().during(Duration.ofMillis(300)).atMost(WAIT).untilAsserted(() -> {
            assertThat(a.data("prices/ACME")).containsExactlyElementsOf(numbers(0, 3));
            assertThat(a.data("prices/INIT")).containsExactlyElementsOf(numbers(0, 3));
            assertThat(a.data("prices/ACME/eu")).containsExactlyElementsOf(numbers(0, 3));
            assertThat(a.of("prices")).isEmpty();
            assertThat(a.of("pricesX/ACME")).isEmpty();
            assertThat(a.of("news/ACME")).isEmpty();
        });

        instanceA.patternClosed("prices/**");
        publish(instanceB, "prices/ACME/eu", 3, 4);
        publish(instanceB, "prices/INIT", 3, 4);
        a.await("prices/INIT", 4, WAIT);
        instanceA.patternClosed("prices/*");
        publish(instanceB, "prices/INIT", 4, 5);
        publish(instanceB, "prices/ACME", 3, 4);
        a.await("prices/ACME", 4, WAIT);
        await().during(Duration.ofMillis(300)).atMost(WAIT).untilAsserted(() -> {
            assertThat(a.data("prices/ACME/eu")).containsExactlyElementsOf(numbers(0, 3));
            assertThat(a.data("prices/INIT")).containsExactlyElementsOf(numbers(0, 4));
        });
    }

    @Test
    void somethingThatIsNoPatternIsRefused() {
        RedisSseBroker broker = started(new RecordingDelivery());

        for (String pattern : List.of("prices/**/x", "pri*", "prices//*", "")) {
            assertThatIllegalArgumentException().as(pattern).isThrownBy(() -> broker.patternOpened(pattern));
        }
    }

    @Test
    void theStreamIdIsTheEventIdAndEveryFieldSurvivesTheTrip() throws Exception {
        RecordingDelivery delivery = new RecordingDelivery();
        RedisSseBroker broker = started(delivery);
        broker.channelOpened("fields");
        SseMessage sent = SseMessage.builder().id("mine").event("price").data("line 1\nline 2\r\n\nü €")
                .retry(Duration.ofSeconds(7)).comment("note").build();

        SseMessage stored = broker.publish("fields", sent);

        assertThat(stored.id()).isNotEqualTo("mine").matches("\\d+-\\d+");
        assertThat(stored).isEqualTo(sent.withId(stored.id()));
        assertThat(delivery.await("fields", 1, WAIT).get(0).message()).isEqualTo(stored);
        assertThat(broker.replay("fields", "0-1").events()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> broker.publish("fields",
                SseMessage.builder().id("only-an-id").build())).withMessageContaining("only an id");
    }

    @Test
    void replayReturnsTheEventsAfterTheIdAndThePositionOfTheNewest() {
        RedisSseBroker broker = started(new RecordingDelivery());
        List<String> ids = publish(broker, "history", 0, 5);

        Replay replay = broker.replay("history", ids.get(1));

        assertThat(replay.gap()).isFalse();
        assertThat(replay.events()).extracting(SseMessage::data).containsExactly("2", "3", "4");
        assertThat(replay.events()).extracting(SseMessage::id).containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(replay.latestId()).isEqualTo(ids.get(4));
        assertThat(replay.position()).isEqualTo(StreamIds.position(ids.get(4)));
        assertThat(broker.replay("history", ids.get(4)).events()).isEmpty();
    }

    @Test
    void anIdThatWasTrimmedGetsTheGap() {
        RedisSseBroker broker = broker(5);
        broker.start(new RecordingDelivery());
        List<String> ids = publish(broker, "trimmed", 0, 300);

        Replay replay = broker.replay("trimmed", ids.get(0));

        assertThat(redis().commands().xlen("test:{trimmed}")).isLessThan(300);
        assertThat(replay.gap()).isTrue();
        assertThat(replay.events()).isEmpty();
        assertThat(replay.latestId()).isEqualTo(ids.get(299));
        assertThat(replay.position()).isEqualTo(StreamIds.position(ids.get(299)));
    }

    @Test
    void withReplayOffEveryIdGetsTheGap() {
        RedisSseBroker broker = broker(0);
        broker.start(new RecordingDelivery());
        List<String> ids = publish(broker, "no-history", 0, 3);

        assertThat(redis().commands().xlen("test:{no-history}")).isZero();
        assertThat(broker.replay("no-history", ids.get(1)).gap()).isTrue();
    }

    @Test
    void unknownAndMalformedIdsGetTheGapWithTheNewestId() {
        RedisSseBroker broker = started(new RecordingDelivery());
        List<String> ids = publish(broker, "odd-ids", 0, 3);

        for (String lastEventId : List.of("1-0", "99999999999999-0", "not-an-id", "42", "1-2-3", "-1", " 1-0",
                "99999999999999999999-0", "1-9999999", "<script>")) {
            Replay replay = broker.replay("odd-ids", lastEventId);
            assertThat(replay.gap()).as(lastEventId).isTrue();
            assertThat(replay.latestId()).as(lastEventId).isEqualTo(ids.get(2));
            assertThat(replay.position()).as(lastEventId).isEqualTo(StreamIds.position(ids.get(2)));
        }
        Replay fromHead = broker.replay("never-published", broker.head("never-published").latestId());
        assertThat(fromHead.gap()).as("a fresh marker on a channel without history: nothing can be gone").isFalse();
        assertThat(fromHead.events()).isEmpty();
        for (String lastEventId : List.of(ids.get(0), "1-0", "1-" + StreamIds.MARKER_SEQUENCE)) {
            Replay replay = broker.replay("never-published", lastEventId);
            assertThat(replay.gap()).as("%s on a channel without history", lastEventId).isTrue();
            assertThat(replay.latestId()).as("the position to go on from").endsWith("-" + StreamIds.MARKER_SEQUENCE);
        }
    }

    @Test
    void aLiveAnnouncementThatArrivesAfterTheReplayReadIsNotSentTwice() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger passed = new AtomicInteger();
        RedisSseBroker redisBroker = broker(1000);
        SseBroker heldBack = new SseBroker() {
            @Override
            public void start(Delivery delivery) {
                redisBroker.start((channel, message, position) -> {
                    try {
                        gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    passed.incrementAndGet();
                    delivery.deliver(channel, message, position);
                });
            }

            @Override
            public SseMessage publish(String channel, SseMessage message) {
                return redisBroker.publish(channel, message);
            }

            @Override
            public Replay replay(String channel, String lastEventId) {
                return redisBroker.replay(channel, lastEventId);
            }

            @Override
            public Replay head(String channel) {
                return redisBroker.head(channel);
            }

            @Override
            public List<SseMessage> history(String channel, int limit) {
                return redisBroker.history(channel, limit);
            }

            @Override
            public void channelOpened(String channel) {
                redisBroker.channelOpened(channel);
            }
        };
        SseHub hub = SseHub.builder().settings(SseSettings.defaults()).broker(heldBack).build();
        resources.push(hub::shutdown);
        hub.subscribe("seam", new ParsingSink(), null);
        await().atMost(WAIT).until(() -> redis().subscribers("test:{seam}") == 1);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(hub.publish("seam", SseMessage.of("e" + i)).id());
        }

        // The announcements of e1..e3 are held back until after this replay read, which already has e2 and e3.
        ParsingSink sink = new ParsingSink();
        hub.subscribe("seam", sink, ids.get(0));
        gate.countDown();
        TestRedis.awaitCondition("the late announcements to reach the hub", () -> passed.get() >= 3);
        hub.publish("seam", SseMessage.of("e4"));

        List<SseEvent> events = sink.awaitEvents(3, WAIT);
        assertThat(events).extracting(SseEvent::data).containsExactly("e2", "e3", "e4");
        assertThat(events.get(0).id()).isEqualTo(ids.get(1));
    }
}
