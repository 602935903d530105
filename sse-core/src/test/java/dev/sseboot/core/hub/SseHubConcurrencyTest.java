package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight publishers race on shared channels while subscribers come and go. Every subscriber must see
 * an unbroken run of its channel's events from the moment it joined: in id order, nothing missing,
 * nothing twice.
 */
class SseHubConcurrencyTest {

    private static final int PUBLISHERS = 8;
    private static final int MESSAGES_PER_PUBLISHER = 10_000;
    private static final List<String> CHANNELS = List.of("alpha", "beta", "gamma");

    @Test
    void everySubscriberSeesAnUnbrokenInOrderRunOfItsChannel() throws Exception {
        List<CloseReason> unexpectedCloses = new CopyOnWriteArrayList<>();
        SseHub hub = SseHub.builder()
                .settings(SseSettings.builder().queueCapacity(1_000_000).heartbeat(Duration.ZERO).build())
                .listener(new SseHubListener() {
                    @Override
                    public void closed(Subscription subscription, CloseReason reason) {
                        if (reason != CloseReason.CLIENT_GONE && reason != CloseReason.SHUTDOWN) {
                            unexpectedCloses.add(reason);
                        }
                    }
                })
                .build();
        Map<String, NavigableSet<Long>> publishedIds = new ConcurrentHashMap<>();
        CHANNELS.forEach(channel -> publishedIds.put(channel, new ConcurrentSkipListSet<>()));
        Map<RecordingSink, String> subscribers = new ConcurrentHashMap<>();
        Map<String, RecordingSink> fromTheStart = new ConcurrentHashMap<>();
        CHANNELS.forEach(channel -> fromTheStart.put(channel, subscribe(hub, channel)));
        fromTheStart.forEach((channel, sink) -> subscribers.put(sink, channel));

        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<Future<?>> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            publishers.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < MESSAGES_PER_PUBLISHER; i++) {
                    String channel = CHANNELS.get((publisher + i) % CHANNELS.size());
                    String id = hub.publish(channel, SseMessage.of(publisher + ":" + i)).id();
                    publishedIds.get(channel).add(Long.parseLong(id));
                }
                return null;
            }));
        }
        Future<?> churn = threads.submit(() -> {
            start.await();
            List<Subscription> live = new ArrayList<>();
            while (publishing.get()) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
                RecordingSink sink = new RecordingSink();
                subscribers.put(sink, channel);
                live.add(hub.subscribe(channel, sink, null));
                if (live.size() > 20) {
                    live.remove(random.nextInt(live.size())).disconnected();
                }
                Thread.sleep(1);
            }
            return null;
        });
        start.countDown();
        for (Future<?> publisher : publishers) {
            publisher.get(120, TimeUnit.SECONDS);
        }
        publishing.set(false);
        churn.get(30, TimeUnit.SECONDS);
        threads.shutdown();

        for (String channel : CHANNELS) {
            List<Long> all = List.copyOf(publishedIds.get(channel));
            RecordingSink sink = fromTheStart.get(channel);
            sink.awaitEvents(all.size(), Duration.ofSeconds(60));
            assertThat(sink.events().stream().map(SseEvent::id).map(Long::parseLong).toList())
                    .as("subscriber of %s from the start", channel).containsExactlyElementsOf(all);
        }
        int checked = 0;
        for (Map.Entry<RecordingSink, String> entry : subscribers.entrySet()) {
            List<Long> received = entry.getKey().events().stream().map(SseEvent::id).map(Long::parseLong).toList();
            if (received.isEmpty()) {
                continue;
            }
            NavigableSet<Long> expected = publishedIds.get(entry.getValue())
                    .subSet(received.get(0), true, received.get(received.size() - 1), true);
            assertThat(received).as("subscriber of %s", entry.getValue()).containsExactlyElementsOf(expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(CHANNELS.size());
        assertThat(publishedIds.values().stream().mapToInt(NavigableSet::size).sum())
                .isEqualTo(PUBLISHERS * MESSAGES_PER_PUBLISHER);
        assertThat(unexpectedCloses).isEmpty();
        hub.shutdown();
    }

    private static RecordingSink subscribe(SseHub hub, String channel) {
        RecordingSink sink = new RecordingSink();
        hub.subscribe(channel, sink, null);
        return sink;
    }
}
