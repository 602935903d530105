package dev.sseboot.autoconfigure.redis;

import dev.sseboot.redis.TestRedis;
import dev.sseboot.redis.RedisServerExtension;
import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Redis goes away for a few seconds and comes back (empty, like a restarted cache) under two instances. */
class RedisOutageTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static RedisTestApplication.Instance a;
    static RedisTestApplication.Instance b;

    @BeforeAll
    static void startInstances() {
        a = RedisTestApplication.start(redis.port(), "sse.heartbeat=200ms");
        b = RedisTestApplication.start(redis.port(), "sse.heartbeat=200ms");
    }

    @AfterAll
    static void stopInstances() {
        Stream.of(a, b).filter(instance -> instance != null).forEach(RedisTestApplication.Instance::close);
    }

    private static String brokerHealth(RedisTestApplication.Instance instance) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(instance.uri("/actuator/health/sseBroker"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (Exception e) {
            throw new AssertionError("Health request failed", e);
        }
    }

    private static void publishUntilAccepted(String channel, String data) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                b.publisher().publish(channel, data);
                return;
            } catch (SseBrokerException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("Publishing did not recover within " + WAIT, e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void publishesFailAndHealthIsDownWhileStreamsStayOpenThenDeliveryResumesWithNoGap() throws Exception {
        try (SseTestClient client = a.connect("outage")) {
            TestRedis.awaitCondition("the subscriber", () -> a.hub().subscriberCount("outage") == 1);
            for (int i = 0; i < 10; i++) {
                b.publisher().publish("outage", Integer.toString(i));
            }
            client.awaitEvents(10, WAIT);
            assertThat(brokerHealth(a)).startsWith("200 ").contains("UP");

            redis.stop();
            TestRedis.awaitCondition("the broker health of both instances to be DOWN",
                    () -> brokerHealth(a).startsWith("503 ") && brokerHealth(b).startsWith("503 "));
            assertThatExceptionOfType(SseBrokerException.class)
                    .isThrownBy(() -> b.publisher().publish("outage", "lost"))
                    .withMessageContaining("Redis");
            int heartbeats = client.awaitComments(1, WAIT).size();
            client.awaitComments(heartbeats + 3, WAIT);
            assertThat(a.hub().subscriberCount("outage")).isEqualTo(1);

            redis.start();
            for (int i = 10; i < 20; i++) {
                publishUntilAccepted("outage", Integer.toString(i));
            }
            TestRedis.awaitCondition("the broker health of both instances to be UP",
                    () -> brokerHealth(a).startsWith("200 ") && brokerHealth(b).startsWith("200 "));

            List<SseEvent> events = client.awaitEvents(20, WAIT);
            assertThat(events).extracting(SseEvent::data).containsExactlyElementsOf(numbers(0, 20));
            assertThat(client.events()).hasSize(20).noneMatch(event -> "sse-gap".equals(event.event()));
            assertThat(client.opens()).as("the stream never reconnected").isEqualTo(1);
        }
    }
}
