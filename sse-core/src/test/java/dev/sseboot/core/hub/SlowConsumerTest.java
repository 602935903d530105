package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that stops reading costs its own queue, never the others' latency. */
class SlowConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<CloseReason> closeReasons = new CopyOnWriteArrayList<>();
    private final Map<DropReason, AtomicInteger> drops = new ConcurrentHashMap<>();
    private SseHub hub;

    private SseHub hub(SseSettings.Builder settings) {
        hub = SseHub.builder().settings(settings.heartbeat(Duration.ZERO).build()).listener(new SseHubListener() {
            @Override
            public void closed(Subscription subscription, CloseReason reason) {
                closeReasons.add(reason);
            }

            @Override
            public void dropped(Subscription subscription, DropReason reason) {
                drops.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
            }
        }).build();
        return hub;
    }

    @AfterEach
    void shutdown() {
        hub.shutdown();
    }

    @Test
    void aBlockedClientDoesNotDelayTheOthersAndIsClosedWithinTheWriteTimeout() throws Exception {
        hub(SseSettings.builder().writeTimeout(Duration.ofMillis(300)).closeOnTimeout(true));
        BlockingSink stuck = new BlockingSink();
        hub.subscribe("feed", stuck, null);
        List<RecordingSink> healthy = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RecordingSink sink = new RecordingSink();
            healthy.add(sink);
            hub.subscribe("feed", sink, null);
        }
        assertThat(stuck.writeStarted().await(5, TimeUnit.SECONDS)).isTrue();
        long stuckSince = System.nanoTime();

        int events = 100;
        List<Long> publishedNanos = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            publishedNanos.add(System.nanoTime());
            hub.publish("feed", SseMessage.of(Integer.toString(i)));
            Thread.sleep(2);
        }

        long worstLatency = 0;
        for (RecordingSink sink : healthy) {
            sink.awaitEvents(events, WAIT);
            List<Long> received = sink.receivedNanos();
            for (int i = 0; i < events; i++) {
                worstLatency = Math.max(worstLatency, received.get(i) - publishedNanos.get(i));
            }
        }
        assertThat(Duration.ofNanos(worstLatency)).as("worst latency of the healthy clients")
                .isLessThan(Duration.ofMillis(250));
        assertThat(stuck.closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stuckSince)).isLessThan(Duration.ofSeconds(3));
        assertThat(closeReasons).containsExactly(CloseReason.WRITE_TIMEOUT);
        assertThat(hub.subscriberCount("feed")).isEqualTo(20);
    }

    @Test
    void withCloseOnTimeoutOffTheStuckClientStaysAndMissesCountedEvents() throws Exception {
        hub(SseSettings.builder().writeTimeout(Duration.ofMillis(100)).closeOnTimeout(false));
        BlockingSink stuck = new BlockingSink();
        RecordingSink healthy = new RecordingSink();
        Subscription stuckSubscription = hub.subscribe("feed", stuck, null);
        hub.subscribe("feed", healthy, null);
        assertThat(stuck.writeStarted().await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(150);

        for (int i = 0; i < 10; i++) {
            hub.publish("feed", SseMessage.of(Integer.toString(i)));
        }
        healthy.awaitEvents(10, WAIT);
        Thread.sleep(300);

        assertThat(drops.get(DropReason.WRITE_TIMEOUT)).hasValue(10);
        assertThat(stuck.closed.getCount()).isEqualTo(1);
        assertThat(hub.subscriberCount("feed")).isEqualTo(2);
        assertThat(closeReasons).isEmpty();

        stuck.release();
        SseHubTest.awaitQuiet(stuckSubscription);
        hub.publish("feed", SseMessage.of("after"));
        SseHubTest.awaitCondition(() -> stuck.framesWritten.get() >= 2);
    }

    @Test
    void disconnectPolicyClosesAClientWhoseQueueIsFull() throws Exception {
        hub(SseSettings.builder().queueCapacity(4).writeTimeout(Duration.ofSeconds(30)));
        BlockingSink stuck = new BlockingSink();
        hub.subscribe("feed", stuck, null);
        assertThat(stuck.writeStarted().await(5, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            hub.publish("feed", SseMessage.of(Integer.toString(i)));
        }

        assertThat(stuck.closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(closeReasons).containsExactly(CloseReason.SLOW_CONSUMER);
        assertThat(hub.clientCount()).isZero();
    }

    @Test
    void dropOldestPolicyKeepsTheClientAndItsNewestEvents() throws Exception {
        hub(SseSettings.builder().queueCapacity(4).slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST)
                .writeTimeout(Duration.ofSeconds(30)));
        List<String> written = new CopyOnWriteArrayList<>();
        BlockingSink stuck = new BlockingSink() {
            @Override
            public void write(List<dev.sseboot.core.wire.SseFrame> frames) throws java.io.IOException {
                super.write(frames);
                frames.forEach(frame -> written.add(frame.toString()));
            }
        };
        hub.subscribe("feed", stuck, null);
        assertThat(stuck.writeStarted().await(5, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 10; i++) {
            hub.publish("feed", SseMessage.of("e" + i));
        }
        assertThat(drops.get(DropReason.QUEUE_FULL)).hasValue(6);
        stuck.release();

        // The first write is the stream's opening: the retry and the id-only block naming its position.
        SseHubTest.awaitCondition(() -> written.size() == 6);
        assertThat(written.subList(2, 6)).allSatisfy(frame -> assertThat(frame).containsAnyOf("e6", "e7", "e8", "e9"));
        assertThat(closeReasons).isEmpty();
    }
}
