package dev.sseboot.redis;

import dev.sseboot.core.presence.ChannelPresence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Presence on a Redis 7 cluster of three masters and three replicas, and the death of the master that holds it. */
class RedisClusterSsePresenceTest extends AbstractRedisSsePresenceTest {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @Override
    protected RedisDeployment redis() {
        return redis;
    }

    /**
     * All presence keys and its sharded topic share one slot. When its master is killed and is back
     * a moment later as the replica of its successor, the successor serves the counts, every
     * instance subscribes there within a heartbeat, and the changes announced from then on reach
     * them all.
     */
    @Test
    void presenceAndItsChangesMoveToTheReplicaThatTakesOverFromItsMaster(TestInfo test) throws Exception {
        PresenceNode a = node(test);
        PresenceNode b = node(test);
        RecordedChanges onA = new RecordedChanges();
        a.presence.addListener(onA);
        awaitInstances(a, a, b);
        b.open("room", "max");
        await().atMost(WAIT).until(() -> onA.heard().contains("+room max @" + b.id() + " 1"));
        String topic = keyPrefix + "{#presence}:changes";
        assertThat(redis.subscribers(topic)).as("both subscribed on the master of the presence slot").isEqualTo(2);

        redis.restart(redis.killMasterOf(topic));

        await().atMost(WAIT).until(() -> redis.subscribers(topic) == 2);
        b.open("room", "nia");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(onA.heard()).contains("+room nia @" + b.id() + " 2");
            ChannelPresence room = a.presence.channel("room");
            assertThat(room.streams()).isEqualTo(2);
            assertThat(room.users()).containsExactly(Map.entry("max", 1), Map.entry("nia", 1));
        });
        awaitInstances(a, a, b);
    }
}
