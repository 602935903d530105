package dev.sseboot.redis;

import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.presence.ChannelPresence;
import dev.sseboot.core.presence.InstancePresence;
import dev.sseboot.core.presence.PresenceChange;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.redis.presence.RedisSsePresence;
import io.lettuce.core.RestoreArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Several instances' presence on one real Redis, one subclass per deployment: counts, users,
 * changes, broadcast and leaving.
 */
abstract class AbstractRedisSsePresenceTest {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    protected String keyPrefix;

    /** The Redis this class runs against. */
    protected abstract RedisDeployment redis();

    @AfterEach
    void closeResources() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    /** Each test its own prefix, so instances of other tests are never part of its fleet. */
    private PresenceNode node(TestInfo test, int maxPrincipals) {
        keyPrefix = test.getTestMethod().orElseThrow().getName() + ":";
        PresenceNode node = new PresenceNode(redis().connectionFactory(), keyPrefix, maxPrincipals);
        resources.push(node);
        return node;
    }

    protected PresenceNode node(TestInfo test) {
        return node(test, 1000);
    }

    protected static void awaitInstances(PresenceNode viewer, PresenceNode... members) {
        List<String> ids = Arrays.stream(members).map(PresenceNode::id).toList();
        await().atMost(WAIT).untilAsserted(() -> assertThat(viewer.presence.instances())
                .extracting(InstancePresence::id).containsExactlyInAnyOrderElementsOf(ids));
    }

    @Test
    void countsAndUsersConvergeOnEveryInstance(TestInfo test) {
        PresenceNode a = node(test);
        PresenceNode b = node(test);
        PresenceNode c = node(test);
        a.open("room", "alice");
        a.open("room", "alice");
        a.open("room", null);
        Subscription bobOnB = b.open("room", "bob");
        b.open("room", "alice");
        c.open("lobby", "carol");

        for (PresenceNode viewer : List.of(a, b, c)) {
            await().atMost(WAIT).untilAsserted(() -> {
                ChannelPresence room = viewer.presence.channel("room");
                assertThat(room.streams()).isEqualTo(5);
                assertThat(room.anonymousStreams()).isEqualTo(1);
                assertThat(room.users()).containsExactly(Map.entry("alice", 3), Map.entry("bob", 1));
                assertThat(viewer.presence.channels()).containsExactly(Map.entry("lobby", 1), Map.entry("room", 5));
            });
        }
        awaitInstances(a, a, b, c);
        assertThat(a.presence.instances()).filteredOn(instance -> instance.id().equals(b.id())).singleElement()
                .satisfies(instance -> {
                    assertThat(instance.streams()).isEqualTo(2);
                    assertThat(instance.host()).isEqualTo(b.local.host());
                    List<String> time = redis().commands().time();
                    Instant redisNow = Instant.ofEpochSecond(Long.parseLong(time.get(0)),
                            Long.parseLong(time.get(1)) * 1000);
                    assertThat(Duration.between(instance.lastHeartbeat(), redisNow))
                            .as("beaten within the expiry, by Redis's clock")
                            .isLessThan(RedisSsePresence.DEFAULT_EXPIRY);
                });

        bobOnB.disconnected();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(c.presence.channel("room").users()).containsExactly(Map.entry("alice", 3));
            assertThat(c.presence.channels()).containsEntry("room", 4);
        });
    }

    @Test
    void changesOnOneInstanceAreHeardOnTheOthers(TestInfo test) {
        PresenceNode a = node(test);
        PresenceNode b = node(test);
        RecordedChanges onB = new RecordedChanges();
        b.presence.addListener(onB);
        awaitInstances(b, a, b);

        Subscription carol = a.open("news", "carol");
        await().atMost(WAIT).until(() -> onB.heard().contains("+news carol @" + a.id() + " 1"));
        b.open("news", null);
        await().atMost(WAIT).until(() -> onB.heard().contains("+news null @" + b.id() + " 2"));
        carol.disconnected();
        await().atMost(WAIT).until(() -> onB.heard().contains("-news carol @" + a.id() + " 1"));
        assertThat(onB.heard()).containsExactly("+news carol @" + a.id() + " 1", "+news null @" + b.id() + " 2",
                "-news carol @" + a.id() + " 1");
    }

    @Test
    void broadcastToTheFleetsChannelsReachesAChannelOnlyAnotherInstanceServes(TestInfo test) {
        PresenceNode a = node(test);
        PresenceNode b = node(test);
        ParsingSink onB = new ParsingSink();
        b.open("only-on-b", null, onB);
        await().atMost(WAIT).until(() -> a.presence.channels().containsKey("only-on-b"));
        assertThat(a.hub.channels()).as("nothing local on A").isEmpty();

        assertThat(a.hub.broadcast(SseMessage.of("local only"))).isZero();
        a.hub.broadcast(SseMessage.of("to the fleet"), a.presence.channels().keySet());

        try {
            assertThat(onB.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("to the fleet");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachChannelNamesAtMostTheCapOfUsersAcrossTheFleet(TestInfo test) {
        PresenceNode a = node(test, 3);
        PresenceNode b = node(test, 3);
        a.open("hot", "u0");
        a.open("hot", "u1");
        await().atMost(WAIT).until(() -> b.presence.channel("hot").users().size() == 2);
        b.open("hot", "u2");
        b.open("hot", "u3");
        b.open("hot", "u1");

        await().atMost(WAIT).untilAsserted(() -> {
            ChannelPresence hot = a.presence.channel("hot");
            assertThat(hot.streams()).isEqualTo(5);
            assertThat(hot.users()).containsExactly(Map.entry("u0", 1), Map.entry("u1", 2), Map.entry("u2", 1));
            assertThat(hot.unnamedStreams()).isEqualTo(1);
        });
        assertThat(redis().commands().hlen(keyPrefix + "{#presence}:users:hot")).isEqualTo(3);
    }

    @Test
    void anInstanceThatClosesLeavesEveryCountAtOnce(TestInfo test) {
        PresenceNode a = node(test);
        PresenceNode b = node(test);
        RecordedChanges onA = new RecordedChanges();
        a.presence.addListener(onA);
        b.open("room", "dave");
        b.open("room", "dave");
        b.open("room", null);
        a.open("room", "erin");
        await().atMost(WAIT).until(() -> a.presence.channel("room").streams() == 4);

        b.presence.close();

        assertThat(a.presence.instances()).extracting(InstancePresence::id).containsExactly(a.id());
        ChannelPresence room = a.presence.channel("room");
        assertThat(room.streams()).isEqualTo(1);
        assertThat(room.users()).containsExactly(Map.entry("erin", 1));
        assertThat(room.anonymousStreams()).isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(onA.unsubscribed()).containsExactlyInAnyOrder(
                new PresenceChange("room", "dave", b.id(), 1), new PresenceChange("room", null, b.id(), 1)));
        assertThat(redis().commands().keys(keyPrefix + "{#presence}:*" + b.id().replace("*", "\\*") + "*"))
                .as("nothing of the instance is left in Redis").isEmpty();
    }

    @Test
    void anInstanceDroppedForMissingItsHeartbeatsJoinsAgainWithItsStreams(TestInfo test) {
        PresenceNode a = node(test);
        PresenceNode b = node(test);
        RecordedChanges onA = new RecordedChanges();
        a.presence.addListener(onA);
        awaitInstances(a, a, b);
        b.open("room", "frank");
        String joined = "+room frank @" + b.id() + " 1";
        await().atMost(WAIT).until(() -> onA.heard().equals(List.of(joined)));

        // What the fleet sees of an instance cut off from Redis for longer than the expiry: its time ran out.
        redis().commands().zadd(keyPrefix + "{#presence}:instances", 0, b.id());

        await().atMost(WAIT).until(() -> onA.heard().size() == 3);
        assertThat(onA.heard()).as("dropped, then counted again")
                .containsExactly(joined, "-room frank @" + b.id() + " 0", joined);
        assertThat(a.presence.channel("room").users()).containsExactly(Map.entry("frank", 1));
        assertThat(a.presence.instances()).extracting(InstancePresence::id).containsExactlyInAnyOrder(a.id(), b.id());
    }

    /**
     * Redis replicates asynchronously: a replica promoted after its master died may lack the last
     * presence writes. Here Redis is set back to what it held before the last writes, as such a
     * replica would be; the next heartbeat finds fewer writes than the instances made, and they
     * write their streams again.
     */
    @Test
    void presenceWritesLostInAFailoverAreMadeGoodAtTheNextHeartbeat(TestInfo test) {
        PresenceNode a = node(test);
        PresenceNode b = node(test);
        a.open("room", "kim");
        await().atMost(WAIT).until(() -> b.presence.channel("room").streams() == 1);
        Map<String, byte[]> replica = presenceKeys();
        b.open("room", "lee");
        a.open("room", null);
        await().atMost(WAIT).until(() -> a.presence.channel("room").streams() == 3);

        promote(replica);
        assertThat(a.presence.channel("room").streams()).as("the last writes are lost").isEqualTo(1);

        await().atMost(WAIT).untilAsserted(() -> {
            ChannelPresence room = a.presence.channel("room");
            assertThat(room.streams()).isEqualTo(3);
            assertThat(room.anonymousStreams()).isEqualTo(1);
            assertThat(room.users()).containsExactly(Map.entry("kim", 1), Map.entry("lee", 1));
        });
    }

    /** Every presence key of this test's fleet, serialized. */
    private Map<String, byte[]> presenceKeys() {
        Map<String, byte[]> dumped = new HashMap<>();
        for (String key : redis().commands().keys(keyPrefix + "{#presence}*")) {
            dumped.put(key, redis().commands().dump(key));
        }
        return dumped;
    }

    /** Sets this test's presence keys back to what was dumped, as a replica promoted with only that would hold. */
    private void promote(Map<String, byte[]> replica) {
        for (String key : redis().commands().keys(keyPrefix + "{#presence}*")) {
            if (!replica.containsKey(key)) {
                redis().commands().del(key);
            }
        }
        replica.forEach((key, value) -> redis().commands().restore(key, value, RestoreArgs.Builder.ttl(0).replace()));
    }

    @Test
    void badArgumentsAreRefused(TestInfo test) {
        PresenceNode a = node(test);
        assertThatIllegalArgumentException().isThrownBy(() -> a.presence.channel("no spaces"));
        assertThatIllegalArgumentException().isThrownBy(() -> new RedisSsePresence(a.local, a.factory, "x:",
                Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .withMessageContaining("must be longer than its heartbeat");
        assertThatIllegalArgumentException().isThrownBy(() -> new RedisSsePresence(a.local, a.factory, "x:",
                Duration.ZERO, Duration.ofSeconds(2))).withMessageContaining("must be positive");
    }
}
