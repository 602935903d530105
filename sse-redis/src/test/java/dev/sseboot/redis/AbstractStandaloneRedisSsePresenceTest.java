package dev.sseboot.redis;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.presence.ChannelPresence;
import dev.sseboot.core.presence.InstancePresence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.util.Map;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** What a standalone Redis lets a presence test play: a restart that empties Redis, a server that starts late. */
abstract class AbstractStandaloneRedisSsePresenceTest extends AbstractRedisSsePresenceTest {

    @Override
    protected abstract RedisServerExtension redis();

    @Test
    void afterARedisRestartEveryInstanceCountsItsStreamsAgain(TestInfo test) throws Exception {
        PresenceNode a = node(test);
        PresenceNode b = node(test);
        a.open("room", "gina");
        b.open("room", null);
        await().atMost(WAIT).until(() -> a.presence.channel("room").streams() == 2);

        redis().stop();
        assertThatExceptionOfType(SseBrokerException.class).isThrownBy(() -> a.presence.channels())
                .withMessageContaining("Could not read the channels with streams from Redis");
        redis().start();

        await().atMost(WAIT).untilAsserted(() -> {
            ChannelPresence room = a.presence.channel("room");
            assertThat(room.streams()).isEqualTo(2);
            assertThat(room.users()).containsExactly(Map.entry("gina", 1));
            assertThat(a.presence.instances()).extracting(InstancePresence::id)
                    .containsExactlyInAnyOrder(a.id(), b.id());
        });
    }

    @Test
    void anInstanceThatStartsBeforeRedisJoinsOnceRedisAnswers(TestInfo test) throws Exception {
        redis().stop();
        PresenceNode early;
        try {
            early = node(test);
            early.open("room", "jane");
        } finally {
            redis().start();
        }
        PresenceNode later = node(test);
        RecordedChanges onEarly = new RecordedChanges();
        early.presence.addListener(onEarly);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(later.presence.channel("room").users()).containsExactly(Map.entry("jane", 1));
            assertThat(later.presence.instances()).extracting(InstancePresence::id)
                    .containsExactlyInAnyOrder(early.id(), later.id());
        });
        await().atMost(WAIT).untilAsserted(() -> {
            later.open("room", null).disconnected();
            assertThat(onEarly.heard()).as("the early instance hears changes once subscribed")
                    .contains("+room null @" + later.id() + " 2");
        });
    }
}
