package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseHubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<CloseReason> closeReasons = new CopyOnWriteArrayList<>();
    private SseHub hub = hub(SseSettings.defaults());

    private SseHub hub(SseSettings settings) {
        return SseHub.builder().settings(settings).listener(new SseHubListener() {
            @Override
            public void closed(Subscription subscription, CloseReason reason) {
                closeReasons.add(reason);
            }
        }).build();
    }

    @AfterEach
    void shutdown() {
        hub.shutdown();
    }

    @Test
    void streamOpensWithRetryThenReceivesEventsInOrder() throws Exception {
        RecordingSink sink = new RecordingSink();
        hub.subscribe("news", sink, null);

        hub.publish("news", SseMessage.of("one"));
        hub.publish("news", SseMessage.builder().event("update").data("two\nlines").build());

        sink.awaitEvents(2, WAIT);
        assertThat(sink.raw()).startsWith("retry: 3000\n\n");
        assertThat(sink.events()).extracting(SseEvent::event, SseEvent::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("message", "one"),
                        org.assertj.core.groups.Tuple.tuple("update", "two\nlines"));
    }

    @Test
    void idsIncreaseAcrossTheWholeHub() {
        String first = hub.publish("a", SseMessage.of("x")).id();
        String second = hub.publish("b", SseMessage.of("y")).id();
        String third = hub.publish("a", SseMessage.of("z")).id();

        assertThat(Long.parseLong(first)).isLessThan(Long.parseLong(second));
        assertThat(Long.parseLong(second)).isLessThan(Long.parseLong(third));
    }

    @Test
    void anIdGivenByTheCallerIsKept() {
        assertThat(hub.publish("a", SseMessage.builder().id("order-17").data("x").build()).id()).isEqualTo("order-17");
    }

    @Test
    void publishReportsHowManyLocalStreamsGotIt() {
        hub.subscribe("a", new RecordingSink(), null);
        hub.subscribe("a", new RecordingSink(), null);
        hub.subscribe("b", new RecordingSink(), null);

        assertThat(hub.publish("a", SseMessage.of("x")).localStreams()).isEqualTo(2);
        assertThat(hub.publish("nobody", SseMessage.of("x")).localStreams()).isZero();
    }

    @Test
    void channelsExistWhileTheyHaveSubscribers() throws Exception {
        Subscription first = hub.subscribe("room/1", new RecordingSink(), null);
        Subscription second = hub.subscribe("room/1", new RecordingSink(), null);
        hub.subscribe("room/2", new RecordingSink(), null);

        assertThat(hub.channels()).containsExactly("room/1", "room/2");
        assertThat(hub.hasChannel("room/1")).isTrue();
        assertThat(hub.subscriberCount("room/1")).isEqualTo(2);
        assertThat(hub.clientCount()).isEqualTo(3);

        first.disconnected();
        second.close();
        awaitCondition(() -> !hub.hasChannel("room/1"));
        assertThat(hub.channels()).containsExactly("room/2");
        assertThat(hub.clientCount()).isEqualTo(1);
        assertThat(closeReasons).containsExactlyInAnyOrder(CloseReason.CLIENT_GONE, CloseReason.SERVER_CLOSED);
    }

    @Test
    void broadcastReachesEveryChannel() throws Exception {
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        hub.subscribe("a", a, null);
        hub.subscribe("b", b, null);

        assertThat(hub.broadcast(SseMessage.of("to all"))).isEqualTo(2);

        a.awaitEvents(1, WAIT);
        b.awaitEvents(1, WAIT);
        assertThat(a.data()).containsExactly("to all");
        assertThat(b.data()).containsExactly("to all");
    }

    @Test
    void closeChannelEndsItsStreamsAfterWritingWhatIsQueued() throws Exception {
        RecordingSink inChannel = new RecordingSink();
        RecordingSink elsewhere = new RecordingSink();
        hub.subscribe("closing", inChannel, null);
        hub.subscribe("staying", elsewhere, null);
        hub.publish("closing", SseMessage.of("last words"));

        assertThat(hub.closeChannel("closing")).isEqualTo(1);

        assertThat(inChannel.awaitClosed(WAIT)).isTrue();
        assertThat(inChannel.data()).containsExactly("last words");
        assertThat(hub.hasChannel("closing")).isFalse();
        assertThat(elsewhere.isClosed()).isFalse();
        assertThat(closeReasons).containsExactly(CloseReason.CHANNEL_CLOSED);
        assertThat(hub.closeChannel("closing")).isZero();
    }

    @Test
    void aFailingWriteClosesTheStreamQuietly() throws Exception {
        SseSink broken = new SseSink() {
            @Override
            public void write(List<dev.sseboot.core.wire.SseFrame> frames) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }

            @Override
            public void close() {
            }
        };
        hub.subscribe("a", broken, null);

        // Listeners hear of the close after the hub has released the stream, so wait for both.
        awaitCondition(() -> hub.clientCount() == 0 && !closeReasons.isEmpty());
        assertThat(closeReasons).containsExactly(CloseReason.CLIENT_GONE);
    }

    @Test
    void invalidChannelNamesAreRejected() {
        for (String name : List.of("", "a b", "../etc", "a//b", "new\nline", "x".repeat(129), "caf\u00e9")) {
            assertThatThrownBy(() -> hub.publish(name, SseMessage.of("x")))
                    .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel name");
            assertThatThrownBy(() -> hub.subscribe(name, new RecordingSink(), null))
                    .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel name");
        }
        assertThat(hub.clientCount()).isZero();
    }

    @Test
    void anOverlongLastEventIdIsRejectedBeforeAnyLookup() {
        assertThatThrownBy(() -> hub.subscribe("a", new RecordingSink(), "9".repeat(64 * 1024)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Last-Event-ID");
        assertThat(hub.clientCount()).isZero();
    }

    @Test
    void connectionCapsRejectWithoutTouchingOpenStreams() {
        hub.shutdown();
        hub = hub(SseSettings.builder().maxConnections(3).maxConnectionsPerUser(2).build());
        RecordingSink first = new RecordingSink();
        hub.subscribe("a", first, null, "alice");
        Subscription second = hub.subscribe("a", new RecordingSink(), null, "alice");

        assertThatThrownBy(() -> hub.subscribe("a", new RecordingSink(), null, "alice"))
                .isInstanceOf(SseRejectedException.class).hasMessageContaining("User");
        hub.subscribe("b", new RecordingSink(), null, "bob");
        assertThatThrownBy(() -> hub.subscribe("b", new RecordingSink(), null, "carol"))
                .isInstanceOf(SseRejectedException.class).hasMessageContaining("maximum of 3");
        assertThat(hub.clientCount()).isEqualTo(3);
        assertThat(first.isClosed()).isFalse();

        second.disconnected();
        hub.subscribe("a", new RecordingSink(), null, "alice");
        assertThat(hub.clientCount()).isEqualTo(3);
    }

    @Test
    void aBrokerThatCannotOpenAChannelFailsTheSubscribeAndKeepsNothing() {
        hub.shutdown();
        HookedBroker broker = new HookedBroker();
        broker.onChannelOpened = channel -> {
            if (channel.equals("unreachable")) {
                throw new dev.sseboot.core.broker.SseBrokerException("broker down");
            }
        };
        hub = SseHub.builder().settings(SseSettings.builder().maxConnections(1).build()).broker(broker).build();

        assertThatThrownBy(() -> hub.subscribe("unreachable", new RecordingSink(), null))
                .isInstanceOf(dev.sseboot.core.broker.SseBrokerException.class);

        assertThat(hub.clientCount()).isZero();
        assertThat(hub.hasChannel("unreachable")).isFalse();
        hub.subscribe("fine", new RecordingSink(), null);
        assertThat(hub.clientCount()).as("the failed subscribe released its place under the cap").isEqualTo(1);
    }

    @Test
    void streamsOfAChannelWhoseHistoryWasLostEndWithTheShortRetryBeforeAnyLaterEvent() throws Exception {
        HookedBroker broker = new HookedBroker();
        hub.shutdown();
        hub = SseHub.builder().settings(SseSettings.defaults()).broker(broker).listener(new SseHubListener() {
            @Override
            public void closed(Subscription subscription, CloseReason reason) {
                closeReasons.add(reason);
            }
        }).build();
        RecordingSink lost = new RecordingSink();
        RecordingSink elsewhere = new RecordingSink();
        hub.subscribe("trimmed", lost, null);
        hub.subscribe("kept", elsewhere, null);
        hub.publish("trimmed", SseMessage.of("before"));
        lost.awaitEvents(1, WAIT);

        broker.delivery.historyLost("trimmed");
        broker.delivery.deliver("trimmed", SseMessage.builder().id("99").data("after the gap").build(), 99);

        assertThat(lost.awaitClosed(WAIT)).isTrue();
        assertThat(lost.retries()).containsExactly(3000L, 1000L);
        assertThat(lost.events()).extracting(SseEvent::data).containsExactly("before");
        assertThat(closeReasons).containsExactly(CloseReason.HISTORY_LOST);
        assertThat(hub.subscriberCount("kept")).isEqualTo(1);
        assertThat(hub.hasChannel("trimmed")).isFalse();
    }

    @Test
    void publishAfterShutdownFailsAndShutdownIsIdempotent() throws Exception {
        RecordingSink sink = new RecordingSink();
        hub.subscribe("a", sink, null);

        hub.shutdown();
        hub.shutdown();

        assertThat(sink.awaitClosed(WAIT)).isTrue();
        assertThat(sink.retries()).containsExactly(3000L, 1000L);
        assertThatThrownBy(() -> hub.publish("a", SseMessage.of("late")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
        assertThatThrownBy(() -> hub.subscribe("a", new RecordingSink(), null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(hub.clientCount()).isZero();
        assertThat(closeReasons).containsExactly(CloseReason.SHUTDOWN);
    }

    @Test
    void endAllStreamsClosesThemWithTheShortRetryAndKeepsTheHubRunning() throws Exception {
        RecordingSink before = new RecordingSink();
        hub.subscribe("a", before, null);

        assertThat(hub.endAllStreams()).isEqualTo(1);

        assertThat(before.awaitClosed(WAIT)).isTrue();
        assertThat(before.retries()).containsExactly(3000L, 1000L);
        RecordingSink after = new RecordingSink();
        hub.subscribe("a", after, null);
        hub.publish("a", SseMessage.of("still running"));
        after.awaitEvents(1, WAIT);
        assertThat(hub.isShutdown()).isFalse();
    }

    @Test
    void drainsRunOnVirtualThreadsWhenTheJvmHasThem() throws Exception {
        List<Thread> writers = new CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink() {
            @Override
            public void write(List<dev.sseboot.core.wire.SseFrame> frames) throws java.io.IOException {
                writers.add(Thread.currentThread());
                super.write(frames);
            }
        };
        hub.subscribe("a", sink, null);
        hub.publish("a", SseMessage.of("x"));
        sink.awaitEvents(1, WAIT);

        if (Runtime.version().feature() >= 21) {
            boolean virtual = (boolean) Thread.class.getMethod("isVirtual").invoke(writers.get(0));
            assertThat(virtual).as("drain thread on JDK %s", Runtime.version()).isTrue();
        } else {
            assertThat(writers.get(0).getName()).startsWith("sse-drain-");
        }
    }

    /** Waits until the subscription has nothing queued and no write under way (or is closed). */
    static void awaitQuiet(Subscription subscription) throws InterruptedException {
        Connection connection = (Connection) subscription;
        awaitCondition(() -> connection.isQuiet() || !connection.isOpen());
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within %s", WAIT).isNegative();
            Thread.sleep(5);
        }
    }
}
