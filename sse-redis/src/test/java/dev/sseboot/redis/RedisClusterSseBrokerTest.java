package dev.sseboot.redis;

import dev.sseboot.core.broker.Replay;
import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker on a Redis 7 cluster of three masters and three replicas, and the failure of a master. */
class RedisClusterSseBrokerTest extends AbstractRedisSseBrokerTest {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterSseBrokerTest.class);

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @Override
    protected RedisDeployment redis() {
        return redis;
    }

    /**
     * A publisher that waits for one replica keeps publishing while the master of the channel's
     * slot is killed and its replica takes over: every publish that returned is delivered exactly
     * once to the instance that serves the channel, in order, and is in the stream on the promoted
     * replica. Until the killed node is back as the new master's replica, that shard has no replica
     * to acknowledge, so its publishes are refused (the other shards' are not).
     */
    @Test
    void everyEventAPublishAcknowledgedSurvivesTheDeathOfItsMaster() throws Exception {
        RecordingDelivery a = new RecordingDelivery();
        RedisSseBroker instanceA = started(a);
        instanceA.channelOpened("failover");
        LettuceConnectionFactory publisherFactory = redis.connectionFactory();
        resources.push(publisherFactory::destroy);
        RedisSseBroker publisher = new RedisSseBroker(publisherFactory, "test:", 10_000, Duration.ofMinutes(5),
                new ReplicaAcks(1, Duration.ofSeconds(1)));
        resources.push(publisher::close);
        publisher.start(new RecordingDelivery());
        Map<String, String> acknowledged = new LinkedHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger acknowledgedAfterFailover = new AtomicInteger(-1);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int attempt = 0; !stop.get(); attempt++) {
                try {
                    SseMessage stored = publisher.publish("failover", SseMessage.of(Integer.toString(attempt)));
                    synchronized (acknowledged) {
                        acknowledged.put(stored.id(), stored.data());
                    }
                    acknowledgedAfterFailover.updateAndGet(count -> count < 0 ? count : count + 1);
                } catch (SseBrokerException e) {
                    refused.incrementAndGet();
                }
                sleep(5);
            }
        });
        TestRedis.awaitCondition("acknowledged events before the kill", () -> size(acknowledged) >= 100);

        int killed = redis.killMasterOf("test:{failover}");
        redis.restart(killed);
        acknowledgedAfterFailover.set(0);
        TestRedis.awaitCondition("acknowledged events after the failover", () -> acknowledgedAfterFailover.get() >= 100);
        stop.set(true);
        publishing.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<String> ids;
        synchronized (acknowledged) {
            ids = new ArrayList<>(acknowledged.keySet());
        }
        TestRedis.awaitCondition("instance A to get the last acknowledged event", () -> a.of("failover").stream()
                .anyMatch(delivered -> delivered.message().id().equals(ids.get(ids.size() - 1))));
        List<String> delivered = a.of("failover").stream().map(item -> item.message().id()).toList();
        assertThat(delivered).as("delivered once each, in order").doesNotHaveDuplicates()
                .isSortedAccordingTo((x, y) -> Long.compare(StreamIds.position(x), StreamIds.position(y)));
        assertThat(delivered).as("every acknowledged event").containsAll(ids);
        Replay stored = instanceA.replay("failover", ids.get(0));
        assertThat(stored.gap()).isFalse();
        assertThat(stored.events()).extracting(SseMessage::id).containsAll(ids.subList(1, ids.size()));
        log.info("Master on port {} killed: {} publishes acknowledged, {} refused, {} delivered; none lost", killed,
                ids.size(), refused.get(), delivered.size());
    }

    /**
     * A master that dies and is back a moment later as the replica of its successor: Lettuce's own
     * resubscription on the reconnected node connection fails (one {@code SSUBSCRIBE} for channels of
     * several slots is refused as cross-slot, and the node no longer owns them), so the instance
     * makes every subscription it had there again, on the node that serves each slot now, and every
     * channel delivers again.
     */
    @Test
    void everyChannelOfAMasterThatDiesAndComesBackAsAReplicaDeliversAgain() throws Exception {
        RecordingDelivery a = new RecordingDelivery();
        RedisSseBroker instanceA = started(a);
        RedisSseBroker publisher = started(new RecordingDelivery());
        List<String> channels = IntStream.range(0, 24).mapToObj(i -> "moving-" + i).toList();
        channels.forEach(instanceA::channelOpened);
        await().atMost(WAIT).until(() -> channels.stream().allMatch(channel -> redis.subscribers("test:{" + channel
                + "}") == 1));

        int killed = redis.killMasterOf("test:{moving-0}");
        redis.restart(killed);

        for (String channel : channels) {
            await().atMost(WAIT).untilAsserted(() -> {
                publisher.publish(channel, SseMessage.of("after"));
                assertThat(a.data(channel)).as(channel).contains("after");
            });
        }
    }

    private static int size(Map<String, String> acknowledged) {
        synchronized (acknowledged) {
            return acknowledged.size();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
