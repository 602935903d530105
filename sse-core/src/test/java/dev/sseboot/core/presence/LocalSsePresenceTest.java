package dev.sseboot.core.presence;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseFrame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Presence of one instance, counted from a real hub's streams. */
class LocalSsePresenceTest {

    private final LocalStreams local = new LocalStreams("here", "host-a", Instant.parse("2025-01-01T00:00:00Z"), 3);
    private final SsePresence presence = new LocalSsePresence(local);
    private final SseHub hub = SseHub.builder().settings(SseSettings.defaults()).listener(local).build();

    @AfterEach
    void shutdown() {
        hub.shutdown();
    }

    private Subscription open(String channel, @Nullable String user) {
        return hub.subscribe(channel, new QuietSink(), null, user);
    }

    @Test
    void countsStreamsAnonymousOnesAndUsersPerChannel() {
        open("room", "alice");
        open("room", "alice");
        open("room", "bob");
        open("room", null);
        open("lobby", null);

        ChannelPresence room = presence.channel("room");
        assertThat(room.streams()).isEqualTo(4);
        assertThat(room.anonymousStreams()).isEqualTo(1);
        assertThat(room.users()).containsExactly(Map.entry("alice", 2), Map.entry("bob", 1));
        assertThat(room.unnamedStreams()).isZero();
        assertThat(presence.channels()).containsExactly(Map.entry("lobby", 1), Map.entry("room", 4));
        assertThat(presence.channel("nobody-here")).isEqualTo(ChannelPresence.empty("nobody-here"));
    }

    @Test
    void closedStreamsLeaveAndAnEmptyChannelIsGone() {
        Subscription first = open("room", "alice");
        Subscription second = open("room", "alice");
        Subscription anonymous = open("room", null);

        first.disconnected();
        assertThat(presence.channel("room").users()).containsExactly(Map.entry("alice", 1));
        second.disconnected();
        anonymous.disconnected();

        assertThat(presence.channel("room")).isEqualTo(ChannelPresence.empty("room"));
        assertThat(presence.channels()).isEmpty();
        assertThat(presence.instances()).singleElement().extracting(InstancePresence::streams).isEqualTo(0);
    }

    @Test
    void namesTheFirstUsersUpToTheCapAndCountsTheRestUnnamed() {
        List<Subscription> streams = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> streams.add(open("busy", "user-" + i)));
        streams.add(open("busy", "user-4"));

        ChannelPresence busy = presence.channel("busy");
        assertThat(busy.streams()).isEqualTo(6);
        assertThat(busy.users()).containsOnlyKeys("user-0", "user-1", "user-2");
        assertThat(busy.unnamedStreams()).isEqualTo(3);

        streams.get(1).disconnected();
        open("busy", "user-4");
        assertThat(presence.channel("busy").users()).as("the freed place goes to the next user who opens a stream,"
                + " with all their streams").containsOnly(Map.entry("user-0", 1), Map.entry("user-2", 1),
                Map.entry("user-4", 3));
        assertThat(presence.channel("busy").unnamedStreams()).isEqualTo(1);
    }

    @Test
    void theInstanceIsThisOneWithItsStreams() {
        open("a", null);
        open("b", "carol");

        assertThat(presence.instanceId()).isEqualTo("here");
        InstancePresence instance = presence.instances().get(0);
        assertThat(instance.id()).isEqualTo("here");
        assertThat(instance.host()).isEqualTo("host-a");
        assertThat(instance.started()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(instance.streams()).isEqualTo(2);
    }

    @Test
    void listenersHearEveryStreamWithTheChannelsCountAfterIt() {
        List<PresenceChange> subscribed = new ArrayList<>();
        List<PresenceChange> unsubscribed = new ArrayList<>();
        presence.addListener(new PresenceListener() {
            @Override
            public void subscribed(PresenceChange change) {
                subscribed.add(change);
            }

            @Override
            public void unsubscribed(PresenceChange change) {
                unsubscribed.add(change);
            }
        });

        Subscription alice = open("room", "alice");
        open("room", null);
        alice.disconnected();

        assertThat(subscribed).containsExactly(new PresenceChange("room", "alice", "here", 1),
                new PresenceChange("room", null, "here", 2));
        assertThat(unsubscribed).containsExactly(new PresenceChange("room", "alice", "here", 1));
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersOrTheStream() {
        List<PresenceChange> heard = new ArrayList<>();
        presence.addListener(new PresenceListener() {
            @Override
            public void subscribed(PresenceChange change) {
                throw new IllegalStateException("listener bug");
            }
        });
        presence.addListener(new PresenceListener() {
            @Override
            public void subscribed(PresenceChange change) {
                heard.add(change);
            }
        });

        Subscription stream = open("room", "dave");

        assertThat(stream.isOpen()).isTrue();
        assertThat(heard).containsExactly(new PresenceChange("room", "dave", "here", 1));
    }

    @Test
    void badInputIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> presence.channel("../etc"));
        assertThatIllegalArgumentException().isThrownBy(() -> new LocalStreams("two\nlines", "h", Instant.now(), 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new LocalStreams("id", "h", Instant.now(), 0));
        assertThat(LocalStreams.create(10).instanceId()).as("host:pid:random").matches(".+:\\d+:[0-9a-f]{6}");
    }

    /** A client that takes whatever it is sent. */
    private static final class QuietSink implements SseSink {
        @Override
        public void write(List<SseFrame> frames) {
        }

        @Override
        public void close() {
        }
    }
}
