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
        assertThat(broker.replay("never", id).gap()).isTrue();
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
