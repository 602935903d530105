package dev.sseboot.autoconfigure.redis;

import dev.sseboot.core.presence.InstancePresence;
import dev.sseboot.core.presence.SsePresence;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.redis.RedisClusterExtension;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Two instances with {@code sse.broker=redis} on a Redis Cluster of three masters and three
 * replicas ({@code spring.data.redis.cluster.nodes}), over real HTTP: events, presence and fleet
 * broadcast work across the fleet as on one Redis.
 */
class RedisClusterFleetTest {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @Test
    void twoInstancesOnAClusterShareEventsPresenceAndFleetBroadcasts() {
        try (RedisTestApplication.Instance a = RedisTestApplication.startOnCluster(redis.nodes(),
                "sse.redis.min-replica-acks=1");
             RedisTestApplication.Instance b = RedisTestApplication.startOnCluster(redis.nodes(),
                     "sse.redis.min-replica-acks=1");
             SseTestClient onA = a.connect("shared");
             SseTestClient onB = b.connect("shared");
             SseTestClient onlyOnB = b.connect("only-on-b")) {
            onA.awaitOpen(WAIT);
            onB.awaitOpen(WAIT);
            onlyOnB.awaitOpen(WAIT);
            SsePresence presence = a.context().getBean(SsePresence.class);
            String idOfA = presence.instanceId();
            String idOfB = b.context().getBean(SsePresence.class).instanceId();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(presence.instances()).extracting(InstancePresence::id).containsExactlyInAnyOrder(idOfA, idOfB);
                assertThat(presence.channels()).containsExactly(Map.entry("only-on-b", 1), Map.entry("shared", 2));
            });

            String id = a.publisher().publish("shared", "to both").id();

            assertThat(onA.awaitEvents(1, WAIT)).extracting(SseEvent::id, SseEvent::data)
                    .containsExactly(tuple(id, "to both"));
            assertThat(onB.awaitEvents(1, WAIT)).extracting(SseEvent::id, SseEvent::data)
                    .containsExactly(tuple(id, "to both"));

            assertThat(a.hub().hasChannel("only-on-b")).as("nothing of it on A").isFalse();
            assertThat(a.publisher().broadcast("to the fleet")).as("streams of A it reached").isEqualTo(1);

            assertThat(onlyOnB.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("to the fleet");
            assertThat(onA.awaitEvents(2, WAIT)).extracting(SseEvent::data).containsExactly("to both", "to the fleet");
            assertThat(onB.awaitEvents(2, WAIT)).extracting(SseEvent::data).containsExactly("to both", "to the fleet");
        }
    }
}
