package dev.sseboot.autoconfigure.redis;

import dev.sseboot.redis.TestRedis;
import dev.sseboot.redis.RedisServerExtension;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.hub.CompositeEventId;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Several instances of an application sharing one Redis, seen through real HTTP streams. */
class RedisMultiInstanceTest {

    private static final Logger log = LoggerFactory.getLogger(RedisMultiInstanceTest.class);

    /** Room for the failover test's 10,000 events, and queues that never make its clients slow consumers. */
    private static final String[] SETTINGS = {"sse.replay.size=20000", "sse.queue-capacity=20000", "sse.retry=200ms"};

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    static RedisTestApplication.Instance a;
    static RedisTestApplication.Instance b;

    @BeforeAll
    static void startInstances() {
        a = RedisTestApplication.start(redis.port(), SETTINGS);
        b = RedisTestApplication.start(redis.port(), SETTINGS);
    }

    @AfterAll
    static void stopInstances() {
        Stream.of(a, b).filter(instance -> instance != null).forEach(RedisTestApplication.Instance::close);
    }

    private static void awaitSubscribers(RedisTestApplication.Instance instance, String channel, int count)
            throws InterruptedException {
        TestRedis.awaitCondition(count + " subscribers on '" + channel + "'",
                () -> instance.hub().subscriberCount(channel) == count);
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void aClientOnOneInstanceReceivesWhatAnotherPublishesInOrder() throws Exception {
        try (SseTestClient client = a.connect("news")) {
            awaitSubscribers(a, "news", 1);

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ids.add(b.publisher().publish("news", Integer.toString(i)).id());
            }

            List<SseEvent> events = client.awaitEvents(100, WAIT);
            assertThat(events).extracting(SseEvent::data).containsExactlyElementsOf(numbers(0, 100));
            assertThat(events).extracting(SseEvent::id).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void aClientWhoseInstanceStopsResumesOnAnotherWithEveryEventExactlyOnceInOrder() throws Exception {
        int total = 10_000;
        String channel = "failover";
        RedisTestApplication.Instance doomed = RedisTestApplication.start(redis.port(), SETTINGS);
        SseTestClient first = doomed.connect(channel);
        List<SseEvent> beforeStop;
        try {
            awaitSubscribers(doomed, channel, 1);
            CountDownLatch stopped = new CountDownLatch(1);
            SsePublisher publisher = b.publisher();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < total; i++) {
                    if (i == total / 2) {
                        awaitQuietly(stopped);
                    }
                    publisher.publish(channel, Integer.toString(i));
                }
            });

            first.awaitEvents(1000, WAIT);
            doomed.close();
            stopped.countDown();
            first.close();
            beforeStop = first.events();
            assertThat(beforeStop.size()).as("events read before the instance stopped").isLessThan(total);

            try (SseTestClient second = SseTestClient.connect(b.client(channel)
                    .lastEventId(beforeStop.get(beforeStop.size() - 1).id()))) {
                List<SseEvent> afterStop = second.awaitEvents(total - beforeStop.size(), Duration.ofSeconds(60));
                publishing.get(60, TimeUnit.SECONDS);

                List<String> everything = new ArrayList<>(beforeStop.stream().map(SseEvent::data).toList());
                everything.addAll(afterStop.stream().map(SseEvent::data).toList());
                assertThat(everything).containsExactlyElementsOf(numbers(0, total));
                assertThat(second.events()).hasSize(afterStop.size());
                log.info("Failover: {} events from the stopped instance, {} resumed on the other", beforeStop.size(),
                        afterStop.size());
            }
        } finally {
            first.close();
            doomed.close();
        }
    }

    @Test
    void aMultiplexedStreamResumesEveryChannelExactlyOnAnotherInstance() throws Exception {
        String multiplexed = "/events?channel=mx/a&channel=mx/b&channel=mx/p%2F*";
        String last;
        try (SseTestClient client = SseTestClient.connect(SseClient.builder(a.uri(multiplexed)))) {
            client.awaitOpen(WAIT);
            awaitSubscribers(a, "mx/b", 1);
            awaitSubscribers(a, "mx/p/x", 1);
            b.publisher().publish("mx/a", "a1");
            b.publisher().publish("mx/p/x", "through the pattern");
            b.publisher().publish("mx/b", "b1");
            List<SseEvent> seen = client.awaitEvents(3, WAIT);
            // Each channel keeps its order; across channels, Redis delivers them as their topics do.
            assertThat(seen).extracting(SseEvent::data).containsExactlyInAnyOrder("a1", "through the pattern", "b1");
            last = seen.get(2).id();
        }
        String a2 = a.publisher().publish("mx/a", "a2").id();
        b.publisher().publish("mx/b", "b2");
        String a3 = b.publisher().publish("mx/a", "a3").id();
        b.publisher().publish("mx/p/x", "missed by the pattern");

        try (SseTestClient client = SseTestClient.connect(SseClient.builder(b.uri(multiplexed)).lastEventId(last))) {
            client.awaitOpen(WAIT);
            awaitSubscribers(b, "mx/b", 1);
            String b3 = a.publisher().publish("mx/b", "b3").id();

            List<SseEvent> resumed = client.awaitEvents(5, WAIT);
            assertThat(resumed).filteredOn(event -> event.id().startsWith("mx/a|")).extracting(SseEvent::data)
                    .containsExactly("a2", "a3");
            assertThat(resumed).filteredOn(event -> event.id().startsWith("mx/b|")).extracting(SseEvent::data)
                    .containsExactly("b2", "b3");
            assertThat(resumed).filteredOn(event -> event.id().startsWith("mx/p/*|"))
                    .extracting(SseEvent::event, SseEvent::data).containsExactly(tuple("sse-gap", ""));
            assertThat(resumed.get(4).id()).isEqualTo(new CompositeEventId("mx/b", List.of(a3, b3, "")).text());
            assertThat(resumed).filteredOn(event -> event.id().startsWith("mx/a|"))
                    .extracting(event -> CompositeEventId.parse(event.id(), 3).positions().get(0))
                    .as("the position of mx/a after each of its events").containsExactly(a2, a3);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("The instance was not stopped in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClientThatReconnectsBeforeItsFirstEventGetsWhatWasPublishedMeanwhile() throws Exception {
        try (SseTestClient client = a.connect("never-published-before")) {
            client.awaitOpen(WAIT);
            TestRedis.awaitCondition("the stream's position", () -> !client.lastEventId().isEmpty());
            assertThat(client.lastEventId()).as("a marker, on a channel Redis has no stream for").matches("\\d+-1048575");

            a.hub().closeChannel("never-published-before");
            List<String> whileAway = new ArrayList<>();
            for (String data : numbers(0, 3)) {
                whileAway.add(b.publisher().publish("never-published-before", data).id());
            }

            List<SseEvent> events = client.awaitEvents(3, WAIT);
            assertThat(events).extracting(SseEvent::id).containsExactlyElementsOf(whileAway);
            assertThat(events).extracting(SseEvent::data).containsExactlyElementsOf(numbers(0, 3));
            assertThat(client.opens()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aLastEventIdWhoseHistoryWasTrimmedOpensWithTheGapEvent() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(b.publisher().publish("trimmed", Integer.toString(i)).id());
        }
        redis.commands().xtrim("sse:{trimmed}", 5);

        try (SseTestClient client = SseTestClient.connect(a.client("trimmed").lastEventId(ids.get(2)))) {
            SseEvent gap = client.awaitEvents(1, WAIT).get(0);
            assertThat(gap.event()).isEqualTo("sse-gap");
            assertThat(gap.id()).isEqualTo(ids.get(19));
            assertThat(gap.data()).isEqualTo(ids.get(2));

            b.publisher().publish("trimmed", "after the gap");
            assertThat(client.awaitEvents(2, WAIT).get(1).data()).isEqualTo("after the gap");
        }
    }

    @Test
    void aMalformedLastEventIdOpensWithTheGapEventNotAnError() throws Exception {
        String newest = b.publisher().publish("malformed", "kept").id();
        HttpRequest request = HttpRequest.newBuilder(a.uri("/events/malformed"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", "12-ab-34").build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<InputStream> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            String opening = readUntil(body, "data: 12-ab-34\n\n");
            assertThat(opening).contains("id: " + newest + "\nevent: sse-gap\n");
        }
    }

    /** Reads the stream until it contains {@code expected}; bounded by the read timeout. */
    private static String readUntil(InputStream body, String expected) throws Exception {
        StringBuilder text = new StringBuilder();
        CompletableFuture<String> reading = CompletableFuture.supplyAsync(() -> {
            byte[] buffer = new byte[1024];
            try {
                int read;
                while (!text.toString().contains(expected) && (read = body.read(buffer)) >= 0) {
                    text.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return text.toString();
        });
        try {
            return reading.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Waited " + WAIT + " for '" + expected + "'; read: " + text, e);
        }
    }

    /**
     * Not an assertion: logs publish-to-receive latency through Redis on this machine (one JVM, so
     * one clock). The first 500 events warm up the JIT; the next 1,000 are measured, one per ms.
     */
    @Test
    void measuresPublishToReceiveLatencyThroughRedis() throws Exception {
        int warmUp = 500;
        int count = 1000;
        long[] latencies = new long[warmUp + count];
        long[] publishCalls = new long[warmUp + count];
        int[] received = new int[1];
        SseClient.Listener listener = event -> {
            long now = System.nanoTime();
            synchronized (received) {
                latencies[received[0]++] = now - Long.parseLong(event.data());
                received.notifyAll();
            }
        };
        SseClient.Connection connection = a.client("latency").build().connect(listener);
        try {
            awaitSubscribers(a, "latency", 1);
            for (int i = 0; i < warmUp + count; i++) {
                long published = System.nanoTime();
                b.publisher().publish("latency", Long.toString(published));
                publishCalls[i] = System.nanoTime() - published;
                TimeUnit.MILLISECONDS.sleep(1);
            }
            synchronized (received) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (received[0] < warmUp + count && System.nanoTime() < deadline) {
                    received.wait(100);
                }
                assertThat(received[0]).isEqualTo(warmUp + count);
            }
        } finally {
            connection.close();
        }
        log.info("Publish on B to receive on A through Redis, {} events: {}", count, percentiles(latencies, warmUp));
        log.info("The publish call on B (one Lua script round trip): {}", percentiles(publishCalls, warmUp));
    }

    private static String percentiles(long[] nanos, int skip) {
        long[] measured = Arrays.copyOfRange(nanos, skip, nanos.length);
        Arrays.sort(measured);
        int n = measured.length;
        return String.format("p50 %d µs, p99 %d µs, max %d µs", measured[n / 2] / 1000, measured[n * 99 / 100] / 1000,
                measured[n - 1] / 1000);
    }
}
