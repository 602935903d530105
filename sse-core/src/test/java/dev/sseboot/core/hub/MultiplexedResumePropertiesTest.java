package dev.sseboot.core.hub;

import dev.sseboot.core.seeded.Generator;
import dev.sseboot.core.seeded.Seeds;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.core.wire.SseParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of a multiplexed stream that is cut off at random moments (while events are still on
 * their way) and comes back with the last composite id it parsed, on random replay windows, gets
 * every event of every channel once and in its channel's order, or else that channel's gap event
 * before the next one it gets (or it had no id to come back with and started afresh). Exact channels resume from their own position; channels reached
 * only through a pattern are live only, and the pattern's gap event covers what they missed.
 */
class MultiplexedResumePropertiesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GAP = "sse-gap";
    /**
     * Marks, in what the client saw, a reconnection without a last event id: a cut before the
     * stream's first bytes arrived leaves the client nothing to resume from, so it starts afresh
     * like a new page and what was published before is not its to miss.
     */
    private static final String FRESH_START = "(fresh start)";

    @Test
    void everyEventOfEveryChannelArrivesOnceInOrderOrItsGapEventSaysWhatWasMissed() {
        Seeds.check(40, MultiplexedResumePropertiesTest::resumeAtRandom);
    }

    private static void resumeAtRandom(Generator random) throws Exception {
        List<String> exact = new ArrayList<>();
        for (int i = random.between(1, 4); i > 0; i--) {
            exact.add("c" + i);
        }
        List<String> entries = new ArrayList<>(exact);
        List<String> patternOnly = new ArrayList<>();
        if (random.chance(0.6)) {
            entries.add(random.oneOf("p/*", "p/**"));
            patternOnly.add("p/y");
            if (random.chance(0.4)) {
                exact.add("p/x");
                entries.add("p/x");
            } else {
                patternOnly.add("p/x");
            }
        }
        shuffle(entries, random);
        List<String> channels = new ArrayList<>(exact);
        channels.addAll(patternOnly);
        List<String> targets = new ArrayList<>(channels);
        targets.add("elsewhere");

        SseHub hub = SseHub.create(SseSettings.builder().heartbeat(Duration.ZERO).disconnectProbe(Duration.ZERO)
                .replaySize(random.between(1, 30)).queueCapacity(10_000).build());
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        try {
            Client client = new Client();
            Map<String, List<String>> published = new HashMap<>();
            Map<String, String> idOfData = new HashMap<>();
            Subscription subscription = hub.subscribe(entries, client.connect(), null, null);
            for (int step = random.between(5, 40); step > 0; step--) {
                List<String> burst = random.list(1, 10, () -> random.oneOf(targets));
                // Published on a thread of its own, so a resume can race the live events.
                Future<?> publishing = publisher.submit(() -> publish(hub, burst, published, idOfData));
                if (random.chance(0.4)) {
                    client.cut();
                    subscription.disconnected();
                    subscription = hub.subscribe(entries, client.connect(), client.lastEventId(), null);
                }
                publishing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            publish(hub, channels, published, idOfData);
            for (String channel : channels) {
                List<String> sent = published.get(channel);
                client.awaitData(sent.get(sent.size() - 1));
            }

            List<SseEvent> seen = client.events();
            for (String channel : channels) {
                assertOnceInOrderOrExcused(channel, exact.contains(channel), published.get(channel), seen, entries);
            }
            for (SseEvent event : seen) {
                if (event.event().equals(FRESH_START)) {
                    continue;
                }
                CompositeEventId id = CompositeEventId.parse(event.id(), entries.size());
                if (!event.event().equals(GAP) && exact.contains(id.source())) {
                    assertThat(id.positions().get(entries.indexOf(id.source())))
                            .as("the position of %s after %s", id.source(), event.data())
                            .isEqualTo(idOfData.get(event.data()));
                }
            }
        } finally {
            publisher.shutdownNow();
            hub.shutdown();
        }
    }

    /** Publishes one event to each of the channels, numbered per channel, and notes what it sent. */
    private static void publish(SseHub hub, List<String> channels, Map<String, List<String>> published,
            Map<String, String> idOfData) {
        for (String channel : channels) {
            List<String> sent = published.computeIfAbsent(channel, name -> new ArrayList<>());
            String data = channel + "#" + sent.size();
            sent.add(data);
            idOfData.put(data, hub.publish(channel, SseMessage.of(data)).id());
        }
    }

    /**
     * Walks what the client saw in order: each event of the channel is the next one published, or
     * a later one right after a gap event that covers the channel (its own, or for a channel reached
     * only through a pattern, the pattern's); the last one published arrived.
     */
    private static void assertOnceInOrderOrExcused(String channel, boolean exact, List<String> published,
            List<SseEvent> seen, List<String> entries) {
        int expected = 0;
        boolean gapSince = false;
        List<String> trail = new ArrayList<>();
        for (SseEvent event : seen) {
            if (event.event().equals(FRESH_START)) {
                gapSince = true;
                trail.add(FRESH_START);
                continue;
            }
            String source = CompositeEventId.parse(event.id(), entries.size()).source();
            if (event.event().equals(GAP)) {
                gapSince |= source.equals(channel)
                        || (!exact && ChannelPatterns.isPattern(source) && ChannelPatterns.matches(source, channel));
                trail.add("gap:" + source);
                continue;
            }
            if (!source.equals(channel)) {
                continue;
            }
            trail.add(event.data());
            int index = published.indexOf(event.data());
            assertThat(index).as("%s is an event of %s; seen: %s", event.data(), channel, trail)
                    .isGreaterThanOrEqualTo(0);
            assertThat(index).as("no event of %s twice or out of order; seen: %s", channel, trail)
                    .isGreaterThanOrEqualTo(expected);
            if (index > expected) {
                assertThat(gapSince).as("%s missed %s without a gap event; seen: %s", channel,
                        published.subList(expected, index), trail).isTrue();
            }
            expected = index + 1;
            gapSince = false;
        }
        assertThat(expected).as("%s got its last event; seen: %s", channel, trail).isEqualTo(published.size());
    }

    private static void shuffle(List<String> list, Generator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.between(0, i);
            String swapped = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swapped);
        }
    }

    /**
     * A browser's EventSource over its successive connections: what it parsed in order, and the
     * last event id it sends back when it reconnects. A connection that is cut takes no more bytes,
     * as after a reset: a write under way either arrived whole before the cut or fails.
     */
    private static final class Client {
        private final Object lock = new Object();
        private final List<SseEvent> events = new ArrayList<>();
        private String lastEventId = "";
        private Link current;

        SseSink connect() {
            synchronized (lock) {
                if (lastEventId.isEmpty()) {
                    events.add(new SseEvent("", FRESH_START, ""));
                }
                current = new Link(lastEventId);
                return current;
            }
        }

        void cut() {
            synchronized (lock) {
                current.cut = true;
                lastEventId = current.parser.lastEventId();
            }
        }

        String lastEventId() {
            synchronized (lock) {
                return lastEventId;
            }
        }

        List<SseEvent> events() {
            synchronized (lock) {
                return List.copyOf(events);
            }
        }

        void awaitData(String data) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            synchronized (lock) {
                while (events.stream().noneMatch(event -> event.data().equals(data))) {
                    long left = deadline - System.nanoTime();
                    assertThat(left).as("waited %s for %s; got %s", WAIT, data, events).isPositive();
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }

        /** One connection of the client. */
        private final class Link implements SseSink {
            private final SseParser parser;
            private boolean cut;

            Link(String lastEventId) {
                this.parser = new SseParser(events::add, SseParser.DEFAULT_MAX_EVENT_BYTES, lastEventId);
            }

            @Override
            public void write(List<SseFrame> frames) throws IOException {
                synchronized (lock) {
                    if (cut) {
                        throw new IOException("connection reset");
                    }
                    frames.forEach(frame -> parser.feed(frame.asByteBuffer()));
                    lock.notifyAll();
                }
            }

            @Override
            public void close() {
            }
        }
    }
}
