package dev.sseboot.redis;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What a standalone Redis lets a test play: one instance cut off while others go on, a server that starts late. */
abstract class AbstractStandaloneRedisSseBrokerTest extends AbstractRedisSseBrokerTest {

    @Override
    protected abstract RedisServerExtension redis();

    /** A server of this class's kind that is not started yet. */
    protected abstract RedisServerExtension lateServer();

    /** Lets an ACL user in, so that a test can shut it out again: the instance that uses it is cut off from Redis. */
    private void allow(String user) {
        redis().commands().aclSetuser(user, AclSetuserArgs.Builder.on().addPassword("secret").allCommands()
                .allKeys().allChannels());
    }

    private void cutOff(String user) {
        redis().commands().aclSetuser(user, AclSetuserArgs.Builder.off());
        redis().commands().clientKill(KillArgs.Builder.user(user));
    }

    /**
     * The hub counts a stream as the channel's subscriber before it tells the broker, so what is
     * published once the count shows it must reach the stream, also when it lands in Redis before
     * the opening's first read there. Redis holds every write ({@code CLIENT PAUSE … WRITE}) while
     * another instance's publish and then the opening's first read arrive, and runs them in that
     * order.
     */
    @Test
    void anEventStoredWhileTheChannelOpensHereIsDeliveredAndNothingOlder() throws Exception {
        RecordingDelivery a = new RecordingDelivery();
        RedisSseBroker instanceA = started(a);
        RedisSseBroker instanceB = started(new RecordingDelivery());
        List<String> before = publish(instanceB, "opening", 0, 2);
        long stored = StreamIds.position(before.get(1)) >>> 20;
        TestRedis.awaitCondition("Redis's clock to move on from the last event before the opening",
                () -> redisMillis() > stored + 50);

        pauseWrites();
        CompletableFuture<List<String>> raced = CompletableFuture.supplyAsync(() -> publish(instanceB, "opening", 2, 3));
        TestRedis.awaitCondition("the publish to wait in Redis", () -> heldClients() == 1);
        CompletableFuture<Void> opening = CompletableFuture.runAsync(() -> instanceA.channelOpened("opening"));
        TestRedis.awaitCondition("the opening to wait in Redis", () -> heldClients() == 2);
        unpause();
        raced.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        opening.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        publish(instanceB, "opening", 3, 5);

        assertThat(a.await("opening", 3, WAIT)).extracting(item -> item.message().data())
                .containsExactlyElementsOf(numbers(2, 5));
    }

    private long redisMillis() {
        List<String> time = redis().commands().time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    private void pauseWrites() {
        redis().commands().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(WAIT.toMillis()).add("WRITE"));
    }

    private void unpause() {
        redis().commands().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("UNPAUSE"));
    }

    /** Clients whose command Redis holds back ({@code b} among their flags). */
    private long heldClients() {
        return redis().commands().clientList().lines()
                .filter(line -> line.matches(".* flags=[a-zA-Z]*b[a-zA-Z]* .*")).count();
    }

    @Test
    void anInstanceCutOffFromRedisCatchesUpEveryChannelItServesInOrderOnceItIsBack() throws Exception {
        allow("instance-a");
        RecordingDelivery a = new RecordingDelivery();
        RedisSseBroker instanceA = broker(TestRedis.connectionFactory(redis().port(), "instance-a", "secret"), 1000);
        instanceA.start(a);
        RedisSseBroker instanceB = started(new RecordingDelivery());
        instanceA.channelOpened("partition");
        instanceA.channelOpened("quiet");
        publish(instanceB, "partition", 0, 5);
        a.await("partition", 5, WAIT);

        cutOff("instance-a");
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

        allow("instance-a");
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
        RedisServerExtension late = lateServer();
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

    @Test
    void streamsOfAChannelWhoseEventsWereTrimmedBeforeTheirInstanceCaughtUpEndAndTheirClientsGetTheGap()
            throws Exception {
        allow("instance-c");
        RedisSseBroker brokerC = broker(TestRedis.connectionFactory(redis().port(), "instance-c", "secret"), 5);
        SseHub hubC = SseHub.builder().settings(SseSettings.builder().replaySize(5).build()).broker(brokerC).build();
        resources.push(hubC::shutdown);
        RedisSseBroker instanceB = broker(5);
        instanceB.start(new RecordingDelivery());
        ParsingSink trimmed = new ParsingSink();
        ParsingSink untouched = new ParsingSink();
        hubC.subscribe("lossy", trimmed, null);
        hubC.subscribe("steady", untouched, null);
        publish(instanceB, "lossy", 0, 3);
        publish(instanceB, "steady", 0, 3);
        List<SseEvent> before = trimmed.awaitEvents(3, WAIT);
        untouched.awaitEvents(3, WAIT);

        cutOff("instance-c");
        TestRedis.awaitCondition("instance C to notice", () -> !brokerC.isAvailable());
        publish(instanceB, "lossy", 3, 300);
        allow("instance-c");

        assertThat(trimmed.awaitClosed(WAIT)).as("the stream ends").isTrue();
        assertThat(trimmed.raw()).endsWith("retry: 1000\n\n");
        assertThat(trimmed.events()).extracting(SseEvent::data).containsExactlyElementsOf(numbers(0, 3));
        TestRedis.awaitCondition("instance C to be available", brokerC::isAvailable);
        ParsingSink reconnected = new ParsingSink();
        hubC.subscribe("lossy", reconnected, before.get(2).id());
        SseEvent gap = reconnected.awaitEvents(1, WAIT).get(0);
        assertThat(gap.event()).isEqualTo("sse-gap");
        assertThat(gap.data()).isEqualTo(before.get(2).id());
        publish(instanceB, "lossy", 300, 301);
        assertThat(reconnected.awaitEvents(2, WAIT).get(1).data()).isEqualTo("300");
        publish(instanceB, "steady", 3, 4);
        assertThat(untouched.awaitEvents(4, WAIT)).extracting(SseEvent::data).containsExactlyElementsOf(numbers(0, 4));
        assertThat(untouched.isClosed()).as("a channel that lost nothing keeps its stream").isFalse();
    }
}
