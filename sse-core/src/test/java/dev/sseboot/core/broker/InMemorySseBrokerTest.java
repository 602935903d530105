package dev.sseboot.core.broker;

import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySseBrokerTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<String> delivered = new ArrayList<>();
    private final List<Long> positions = new ArrayList<>();

    private InMemorySseBroker broker(int size, Duration ttl) {
        InMemorySseBroker broker = new InMemorySseBroker(size, ttl, clock::get);
        broker.start((channel, message, position) -> {
            delivered.add(channel + ":" + message.id());
            positions.add(position);
        });
        return broker;
    }

    @Test
    void deliversInIdOrderWithIncreasingPositions() {
        InMemorySseBroker broker = broker(10, Duration.ofMinutes(1));

        broker.publish("a", SseMessage.of("1"));
        broker.publish("b", SseMessage.of("2"));
        broker.publish("a", SseMessage.builder().id("mine").data("3").build());

        assertThat(delivered).containsExactly("a:1", "b:2", "a:mine");
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void replayReturnsWhatFollowsTheIdAndThePositionOfTheNewest() {
        InMemorySseBroker broker = broker(10, Duration.ofMinutes(1));
        String first = broker.publish("a", SseMessage.of("x")).id();
        broker.publish("a", SseMessage.of("y"));
        broker.publish("b", SseMessage.of("other channel"));
        String last = broker.publish("a", SseMessage.of("z")).id();

        Replay replay = broker.replay("a", first);

        assertThat(replay.gap()).isFalse();
        assertThat(replay.events()).extracting(SseMessage::data).containsExactly("y", "z");
        assertThat(replay.latestId()).isEqualTo(last);
        assertThat(replay.position()).isEqualTo(positions.get(3));
    }

    @Test
    void unknownIdsAndUnknownChannelsAreGaps() {
        InMemorySseBroker broker = broker(10, Duration.ofMinutes(1));
        String id = broker.publish("a", SseMessage.of("x")).id();

        assertThat(broker.replay("a", "nope").gap()).isTrue();
        assertThat(broker.replay("a", "nope").latestId()).isEqualTo(id);
        assertThat(broker.replay("never", "nope").gap()).isTrue();
        assertThat(broker.replay("never", "nope").latestId()).as("the beginning").isEqualTo(id);
    }

    @Test
    void historyIsBoundedBySizeAndAge() {
        InMemorySseBroker broker = broker(2, Duration.ofSeconds(10));
        String first = broker.publish("a", SseMessage.of("1")).id();
        String second = broker.publish("a", SseMessage.of("2")).id();
        broker.publish("a", SseMessage.of("3"));
        broker.publish("a", SseMessage.of("4"));

        assertThat(broker.replay("a", first).gap()).isTrue();
        assertThat(broker.replay("a", second).events()).extracting(SseMessage::data).containsExactly("3", "4");

        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        broker.housekeeping();
        assertThat(broker.windowCount()).isZero();
        assertThat(broker.replay("a", second).gap()).isTrue();
    }

    @Test
    void replaySizeZeroKeepsNothingButStillKnowsTheNewestId() {
        InMemorySseBroker broker = broker(0, Duration.ofMinutes(1));
        String older = broker.publish("a", SseMessage.of("1")).id();
        String newest = broker.publish("a", SseMessage.of("2")).id();

        assertThat(broker.replay("a", older).gap()).isTrue();
        assertThat(broker.replay("a", newest).gap()).isFalse();
        assertThat(broker.replay("a", newest).events()).isEmpty();
    }

    @Test
    void theHeadOfAChannelWithoutHistoryIsTheCounterAndResumesExactly() {
        InMemorySseBroker broker = broker(10, Duration.ofMinutes(1));
        broker.publish("other", SseMessage.of("elsewhere"));

        Replay head = broker.head("a");
        String first = broker.publish("a", SseMessage.of("1")).id();
        broker.publish("other", SseMessage.of("elsewhere again"));
        String second = broker.publish("a", SseMessage.of("2")).id();

        assertThat(head.events()).isEmpty();
        assertThat(head.gap()).isFalse();
        assertThat(head.latestId()).isEqualTo("1");
        assertThat(head.position()).isEqualTo(1);
        Replay resumed = broker.replay("a", head.latestId());
        assertThat(resumed.gap()).isFalse();
        assertThat(resumed.events()).extracting(SseMessage::id).containsExactly(first, second);
        assertThat(broker.replay("quiet", head.latestId())).as("a channel that stayed quiet")
                .isEqualTo(Replay.of(List.of(), head.latestId(), 1));
    }

    @Test
    void theHeadOfAChannelWithHistoryIsItsNewestEvent() {
        InMemorySseBroker broker = broker(10, Duration.ofMinutes(1));
        broker.publish("a", SseMessage.of("1"));
        String newest = broker.publish("a", SseMessage.builder().id("mine").data("2").build()).id();
        broker.publish("other", SseMessage.of("elsewhere"));

        Replay head = broker.head("a");

        assertThat(head).isEqualTo(Replay.of(List.of(), newest, positions.get(1)));
    }

    @Test
    void aPositionIsAGapOnceTheWindowDroppedAnEventAfterIt() {
        InMemorySseBroker broker = broker(2, Duration.ofMinutes(1));
        String head = broker.head("a").latestId();
        for (int i = 0; i < 3; i++) {
            broker.publish("a", SseMessage.of(Integer.toString(i)));
        }

        assertThat(broker.replay("a", head).gap()).isTrue();
    }

    @Test
    void aPositionIsAGapWhereThePublishersIdsAreNumbersToo() {
        InMemorySseBroker broker = broker(10, Duration.ofMinutes(1));
        String head = broker.head("a").latestId();
        broker.publish("a", SseMessage.builder().id("12").data("an id that reads as a position").build());

        assertThat(broker.replay("a", head).gap()).isTrue();
        assertThat(broker.replay("a", "12").gap()).as("the event's own id").isFalse();
    }

    @Test
    void aPositionBeyondTheCounterIsAGap() {
        InMemorySseBroker broker = broker(10, Duration.ofMinutes(1));
        broker.publish("a", SseMessage.of("x"));

        assertThat(broker.replay("a", "2").gap()).isTrue();
        assertThat(broker.replay("quiet", "2").gap()).isTrue();
        assertThat(broker.replay("quiet", "01").gap()).as("not as the counter writes it").isTrue();
    }

    @Test
    void oncePositionsMayPrecedeAnExpiredHistoryTheyAreGaps() {
        InMemorySseBroker broker = broker(10, Duration.ofSeconds(10));
        String head = broker.head("a").latestId();
        broker.publish("a", SseMessage.of("expires unseen"));
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        broker.housekeeping();
        String later = broker.head("a").latestId();

        assertThat(broker.windowCount()).isZero();
        assertThat(broker.replay("a", head).gap()).isTrue();
        assertThat(broker.replay("a", later).gap()).as("a position taken after the expiry").isFalse();
    }

    @Test
    void aClosedBrokerRefusesPublishesAndDeliversNothing() {
        InMemorySseBroker broker = broker(10, Duration.ofMinutes(1));
        String id = broker.publish("a", SseMessage.of("x")).id();

        broker.close();

        assertThatThrownBy(() -> broker.publish("a", SseMessage.of("y")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(delivered).containsExactly("a:" + id);
    }

    @Test
    void publishingBeforeStartFails() {
        InMemorySseBroker broker = new InMemorySseBroker(1, Duration.ofMinutes(1));

        assertThatThrownBy(() -> broker.publish("a", SseMessage.of("x"))).isInstanceOf(IllegalStateException.class);
    }
}
