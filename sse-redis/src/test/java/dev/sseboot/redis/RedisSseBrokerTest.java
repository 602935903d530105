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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The broker against a real Redis: ids, order across instances, replay, gaps and catch-up. */
class RedisSseBrokerTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    @AfterEach
    void closeResources() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    private RedisSseBroker broker(int replaySize) {
        return broker(replaySize, null, null);
    }

    private RedisSseBroker broker(int replaySize, String username, String password) {
        LettuceConnectionFactory factory = TestRedis.connectionFactory(redis.port(), username, password);
        resources.push(factory::destroy);
        RedisSseBroker broker = new RedisSseBroker(factory, "test:", replaySize, Duration.ofMinutes(5));
        resources.push(broker::close);
        return broker;
    }

    private RedisSseBroker started(RecordingDelivery delivery) {
        RedisSseBroker broker = broker(1000);
        broker.start(delivery);
        return broker;
    }

    private static List<String> publish(SseBroker broker, String channel, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(broker.publish(channel, SseMessage.of(Integer.toString(i))).id());
        }
        return ids;
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void everyInstanceGetsEveryEventOfAChannelInIdOrderWithIncreasingPositions() throws Exception {
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
        assertThat(b.await("orders", 200, WAIT)).hasSize(200);
        assertThat(redis.commands().xlen("test:orders")).isEqualTo(200);
    }

    @Test
    void theStreamIdIsTheEventIdAndEveryFieldSurvivesTheTrip() throws Exception {
        RecordingDelivery delivery = new RecordingDelivery();
        RedisSseBroker broker = started(delivery);
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

        assertThat(redis.commands().xlen("test:trimmed")).isLessThan(300);
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

        assertThat(redis.commands().xlen("test:no-history")).isZero();
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

    @Test
    void anInstanceCutOffFromRedisCatchesUpEveryChannelItServesInOrderOnceItIsBack() throws Exception {
        redis.commands().aclSetuser("instance-a", AclSetuserArgs.Builder.on().addPassword("secret").allCommands()
                .allKeys().allChannels());
        RecordingDelivery a = new RecordingDelivery();
        RedisSseBroker instanceA = broker(1000, "instance-a", "secret");
        instanceA.start(a);
        RedisSseBroker instanceB = started(new RecordingDelivery());
        instanceA.channelOpened("partition");
        instanceA.channelOpened("quiet");
        publish(instanceB, "partition", 0, 5);
        a.await("partition", 5, WAIT);

        redis.commands().aclSetuser("instance-a", AclSetuserArgs.Builder.off());
        redis.commands().clientKill(KillArgs.Builder.user("instance-a"));
        TestRedis.awaitCondition("instance A to notice", () -> !instanceA.isAvailable());
        assertThatExceptionOfType(SseBrokerException.class)
                .isThrownBy(() -> instanceA.publish("partition", SseMessage.of("lost")));
        publish(instanceB, "partition", 5, 50);
        publish(instanceB, "quiet", 0, 3);
        // A channel whose first subscriber arrives while A cannot ask Redis where its stream stands.
        instanceB.publish("cut-off", SseMessage.of("before it opened"));
        Thread.sleep(50);
        instanceA.channelOpened("cut-off");
        publish(instanceB, "cut-off", 0, 3);
        assertThat(a.data("partition")).hasSize(5);

        redis.commands().aclSetuser("instance-a", AclSetuserArgs.Builder.on());
        a.await("partition", 50, WAIT);
        a.await("quiet", 3, WAIT);
        a.await("cut-off", 3, WAIT);
        TestRedis.awaitCondition("instance A to be available", instanceA::isAvailable);
        publish(instanceB, "partition", 50, 60);

        assertThat(a.await("partition", 60, WAIT)).extracting(item -> item.message().data())
                .containsExactlyElementsOf(numbers(0, 60));
        assertThat(a.data("quiet")).containsExactlyElementsOf(numbers(0, 3));
        assertThat(a.data("cut-off")).containsExactlyElementsOf(numbers(0, 3));
    }

    @Test
    void anInstanceStartedBeforeRedisIsUnavailableThenDeliversWhatItsOpenChannelsMissed() throws Exception {
        RedisServerExtension late = new RedisServerExtension();
        LettuceConnectionFactory factory = TestRedis.connectionFactory(late.port(), null, null);
        resources.push(factory::destroy);
        RedisSseBroker instanceA = new RedisSseBroker(factory, "test:", 1000, Duration.ofMinutes(5));
        resources.push(instanceA::close);
        RecordingDelivery a = new RecordingDelivery();
        instanceA.start(a);
        instanceA.channelOpened("early");
        TestRedis.awaitCondition("instance A to report Redis unavailable", () -> !instanceA.isAvailable());
        assertThatExceptionOfType(SseBrokerException.class)
                .isThrownBy(() -> instanceA.publish("early", SseMessage.of("nowhere")));

        late.start();
        resources.push(late::stop);
        LettuceConnectionFactory factoryB = TestRedis.connectionFactory(late.port(), null, null);
        resources.push(factoryB::destroy);
        RedisSseBroker instanceB = new RedisSseBroker(factoryB, "test:", 1000, Duration.ofMinutes(5));
        resources.push(instanceB::close);
        instanceB.start(new RecordingDelivery());
        publish(instanceB, "early", 0, 3);

        assertThat(a.await("early", 3, WAIT)).extracting(item -> item.message().data())
                .containsExactlyElementsOf(numbers(0, 3));
        TestRedis.awaitCondition("instance A to report Redis available", instanceA::isAvailable);
        publish(instanceA, "early", 3, 5);
        assertThat(a.await("early", 5, WAIT)).extracting(item -> item.message().data())
                .containsExactlyElementsOf(numbers(0, 5));
    }
}
