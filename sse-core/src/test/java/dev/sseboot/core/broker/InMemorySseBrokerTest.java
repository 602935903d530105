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

    /** Events of {@code bytes} bytes with their own ids (ids count too: one byte here). */
    private static SseMessage sized(String id, int bytes) {
        return SseMessage.builder().id(id).data("x".repeat(bytes - id.length())).build();
    }

    private InMemorySseBroker bytesBroker(long maxBytes, long maxTotalBytes) {
        InMemorySseBroker broker = new InMemorySseBroker(100, Duration.ofMinutes(1), maxBytes, maxTotalBytes, clock::get);
        broker.start((channel, message, position) -> delivered.add(channel + ":" + message.id()));
        return broker;
    }

    @Test
    void aChannelKeepsAtMostItsBytesAndTheOldestLeaveFirst() {
        InMemorySseBroker broker = bytesBroker(250, 10_000);
        broker.publish("a", sized("1", 100));
        broker.publish("a", sized("2", 100));
        broker.publish("a", sized("3", 100));

        assertThat(broker.totalBytes()).isEqualTo(200);
        assertThat(broker.replay("a", "1").events()).extracting(SseMessage::id).containsExactly("2", "3");
        assertThat(broker.evictions(EvictionReason.MAX_BYTES)).isEqualTo(1);
        assertThat(delivered).as("evicted from history, still delivered live").hasSize(3);
    }

    @Test
    void allChannelsTogetherKeepAtMostTheTotalAndTheOldestOfAnyChannelLeavesFirst() {
        InMemorySseBroker broker = bytesBroker(1_000, 350);
        broker.publish("a", sized("1", 100));
        broker.publish("b", sized("2", 100));
        broker.publish("a", sized("3", 100));
        broker.publish("b", sized("4", 100));
        broker.publish("c", sized("5", 100));

        assertThat(broker.totalBytes()).isEqualTo(300);
        assertThat(broker.evictions(EvictionReason.MAX_TOTAL_BYTES)).isEqualTo(2);
        assertThat(broker.replay("a", "1").events()).extracting(SseMessage::id).as("1 left, so 3 follows it").containsExactly("3");
        assertThat(broker.replay("b", "2").events()).extracting(SseMessage::id).containsExactly("4");
        assertThat(broker.replay("c", "5").events()).isEmpty();
        assertThat(broker.replay("c", "5").gap()).isFalse();
    }

    @Test
    void aLastEventIdOlderThanWhatWasEvictedGetsTheGap() {
        InMemorySseBroker broker = bytesBroker(250, 10_000);
        broker.publish("a", sized("1", 100));
        broker.publish("a", sized("2", 100));
        broker.publish("a", sized("3", 100));
        broker.publish("a", sized("4", 100));

        Replay replay = broker.replay("a", "1");

        assertThat(replay.gap()).as("2 left the history after 1, so the client missed it").isTrue();
        assertThat(replay.latestId()).isEqualTo("4");
        assertThat(broker.replay("a", "2").events()).extracting(SseMessage::id).containsExactly("3", "4");
    }

    @Test
    void anEventLargerThanTheChannelBoundIsDeliveredButNotKept() {
        InMemorySseBroker broker = bytesBroker(50, 10_000);
        broker.publish("a", sized("1", 20));
        broker.publish("a", sized("2", 100));

        assertThat(delivered).containsExactly("a:1", "a:2");
        assertThat(broker.totalBytes()).isZero();
        assertThat(broker.replay("a", "2").gap()).isFalse();
        assertThat(broker.replay("a", "1").gap()).isTrue();
    }

    @Test
    void everyEvictionIsCountedByItsReason() {
        InMemorySseBroker broker = new InMemorySseBroker(2, Duration.ofSeconds(10), 250, 10_000, clock::get);
        broker.start((channel, message, position) -> { });
        broker.publish("a", sized("1", 10));
        broker.publish("a", sized("2", 10));
        broker.publish("a", sized("3", 10));
        broker.publish("a", sized("4", 241));
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        broker.housekeeping();

        assertThat(broker.evictions(EvictionReason.SIZE)).isEqualTo(2);
        assertThat(broker.evictions(EvictionReason.MAX_BYTES)).isEqualTo(1);
        assertThat(broker.evictions(EvictionReason.TTL)).isEqualTo(1);
        assertThat(broker.evictions(EvictionReason.MAX_TOTAL_BYTES)).isZero();
        assertThat(broker.totalBytes()).isZero();
        assertThat(broker.windowCount()).isZero();
    }

    @Test
    void concurrentPublishersKeepTheByteCountExactAndWithinTheTotal() throws Exception {
        InMemorySseBroker broker = new InMemorySseBroker(1_000, Duration.ofMinutes(1), 2_000, 5_000, clock::get);
        broker.start((channel, message, position) -> { });
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String channel = "c" + t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    broker.publish(channel, SseMessage.builder().id(channel + "-" + i).data("x".repeat(i % 97)).build());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis());
            assertThat(thread.isAlive()).as("publisher finished within 30 s").isFalse();
        }

        assertThat(broker.totalBytes()).isBetween(1L, 5_000L);
        clock.addAndGet(Duration.ofMinutes(2).toNanos());
        broker.housekeeping();
        assertThat(broker.totalBytes()).as("what left by age is exactly what was counted in").isZero();
    }
}
