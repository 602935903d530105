package dev.sseboot.autoconfigure.it;

import dev.sseboot.core.hub.CompositeEventId;
import dev.sseboot.core.seeded.Generator;
import dev.sseboot.core.seeded.Seeds;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseParser;
import dev.sseboot.spring.SsePublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of a multiplexed stream over real HTTP that hangs up at random moments while events are
 * published on 3 to 5 channels, and comes back after a random while with the last composite id it
 * read as its Last-Event-ID, gets every event of every channel once and in its channel's order, or
 * else that channel's gap event before the next event it gets of it. The replay window is small
 * (12 events per channel), so that a longer absence overruns it.
 */
@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sse.replay.size=12", "sse.heartbeat=200ms"})
abstract class MultiplexedResumePropertiesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GAP = "sse-gap";
    private static final String END = "end";

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    private final AtomicInteger cases = new AtomicInteger();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @Test
    void everyEventOfEveryChannelArrivesOnceInOrderOrItsChannelsGapEventSaysWhatWasMissed() {
        Seeds.check(3, this::resumeAtRandom);
    }

    private void resumeAtRandom(Generator random) throws Exception {
        String prefix = "resume/" + cases.incrementAndGet() + "/";
        List<String> entries = new ArrayList<>();
        for (int i = random.between(3, 5); i > 0; i--) {
            entries.add(prefix + "c" + i);
        }
        List<String> plan = random.list(40, 150, () -> random.oneOf(entries));
        List<Integer> pauses = random.list(plan.size(), plan.size(), () -> random.chance(0.3) ? random.between(1, 4) : 0);

        Client client = new Client(entries);
        client.connect(() -> client.hasPosition());
        Future<?> publishing = background.submit(() -> publish(plan, pauses));
        while (!publishing.isDone()) {
            int more = client.received.size() + random.between(0, 12);
            client.connect(() -> client.received.size() >= more || publishing.isDone());
            Thread.sleep(random.chance(0.3) ? random.between(20, 120) : 0);
        }
        publishing.get();
        client.connect(() -> {
            if (!client.hasPosition()) {
                return false;
            }
            if (!client.endsPublished) {
                client.endsPublished = true;
                entries.forEach(channel -> publisher.publish(channel, END));
            }
            return client.sawEveryEnd();
        });

        for (String channel : entries) {
            int published = (int) plan.stream().filter(channel::equals).count();
            assertOnceInOrderOrAfterAGap(channel, published, client.received);
        }
    }

    private void publish(List<String> plan, List<Integer> pauses) {
        Map<String, Integer> sequence = new HashMap<>();
        try {
            for (int i = 0; i < plan.size(); i++) {
                String channel = plan.get(i);
                publisher.publish(channel, Integer.toString(sequence.merge(channel, 1, Integer::sum)));
                Thread.sleep(pauses.get(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The channel's events in the order the client saw them: numbered 1, 2, 3, ... then the end, each
     * once; numbers may be skipped only right after a gap event of the channel.
     */
    private static void assertOnceInOrderOrAfterAGap(String channel, int published, List<Received> received) {
        int expected = 1;
        boolean gapSince = false;
        List<String> trail = new ArrayList<>();
        for (Received event : received) {
            if (!event.source().equals(channel)) {
                continue;
            }
            trail.add(event.gap() ? GAP : event.data());
            if (event.gap()) {
                gapSince = true;
                continue;
            }
            int number = event.data().equals(END) ? published + 1 : Integer.parseInt(event.data());
            assertThat(number).as("%s: %s after %s", channel, event.data(), trail).isGreaterThanOrEqualTo(expected);
            if (number > expected) {
                assertThat(gapSince).as("%s: events %d to %d missed without a gap event; %s", channel, expected,
                        number - 1, trail).isTrue();
            }
            expected = number + 1;
            gapSince = false;
        }
        assertThat(trail).as("%s: what the client saw", channel).endsWith(END);
    }

    /** What the client read of one event block: its source channel, and its data or that it was a gap event. */
    private record Received(String source, boolean gap, String data) {
    }

    /**
     * Reads the stream on a thread of its own until told to stop, then hangs up. Each connection
     * resumes from the last id the previous one parsed; the parser, the position and what was
     * received are only touched by the reading thread while it reads, so a hang-up never loses an
     * event that the position already counts.
     */
    private final class Client {

        private final List<String> entries;
        final List<Received> received = new ArrayList<>();
        private String lastEventId = "";
        boolean endsPublished;

        Client(List<String> entries) {
            this.entries = entries;
        }

        boolean hasPosition() {
            return !lastEventId.isEmpty();
        }

        boolean sawEveryEnd() {
            return entries.stream().allMatch(channel -> received.contains(new Received(channel, false, END)));
        }

        /** Connects, reads until {@code enough} holds (checked after every chunk; heartbeats keep chunks coming), and hangs up. */
        void connect(BooleanSupplier enough) throws Exception {
            HttpRequest.Builder request = Http.request(port, MultiplexedStreamsTest.query(entries.toArray(String[]::new)))
                    .header("Accept", "text/event-stream");
            if (!lastEventId.isEmpty()) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = Http.open(request.build());
            assertThat(response.statusCode()).as("resuming from '%s'", lastEventId).isEqualTo(200);
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> read(response.body(), enough), background);
            try {
                reading.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                response.body().close();
            }
        }

        private void read(InputStream body, BooleanSupplier enough) {
            SseParser parser = new SseParser(event -> received.add(received(event)), SseParser.DEFAULT_MAX_EVENT_BYTES,
                    lastEventId);
            byte[] buffer = new byte[8192];
            try {
                while (!enough.getAsBoolean()) {
                    int read = body.read(buffer);
                    if (read < 0) {
                        throw new AssertionError("The server ended the stream");
                    }
                    parser.feed(buffer, 0, read);
                    lastEventId = parser.lastEventId();
                }
            } catch (java.io.IOException e) {
                throw new AssertionError("Reading the stream failed", e);
            }
        }

        private Received received(SseEvent event) {
            CompositeEventId id = CompositeEventId.parse(event.id(), entries.size());
            boolean gap = event.event().equals(GAP);
            if (!gap) {
                assertThat(id.positions().get(entries.indexOf(id.source()))).as("the position of the event's own channel")
                        .isNotEmpty();
            }
            return new Received(id.source(), gap, event.data());
        }
    }
}
