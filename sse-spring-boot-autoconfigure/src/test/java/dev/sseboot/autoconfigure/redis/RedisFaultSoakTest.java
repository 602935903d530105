package dev.sseboot.autoconfigure.redis;

import dev.sseboot.redis.TestRedis;
import dev.sseboot.redis.RedisServerExtension;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both faults in one run of 100,000 events (soak profile): the instance a client reads from is
 * stopped mid-stream, and later Redis itself is stopped for 10 seconds and comes back empty. The
 * client resumes on the other instance with its Last-Event-ID and ends with every event exactly
 * once, in order; publishes that hit the outage are retried by the publisher until Redis answers.
 */
@Tag("soak")
class RedisFaultSoakTest {

    private static final Logger log = LoggerFactory.getLogger(RedisFaultSoakTest.class);
    private static final int TOTAL = 100_000;
    private static final int STOP_INSTANCE_AT = 20_000;
    private static final int STOP_REDIS_AT = 50_000;
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration LONG_WAIT = Duration.ofMinutes(4);
    private static final String[] SETTINGS = {"sse.replay.size=200000", "sse.queue-capacity=200000",
            "sse.retry=200ms", "sse.heartbeat=1s"};

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Test
    void anInstanceStopAndATenSecondRedisOutageLoseAndRepeatNothing() throws Exception {
        String channel = "soak";
        AtomicInteger outageRetries = new AtomicInteger();
        try (RedisTestApplication.Instance doomed = RedisTestApplication.start(redis.port(), SETTINGS);
             RedisTestApplication.Instance survivor = RedisTestApplication.start(redis.port(), SETTINGS)) {
            SseTestClient first = doomed.connect(channel);
            TestRedis.awaitCondition("the first client", () -> doomed.hub().subscriberCount(channel) == 1);
            CountDownLatch instanceStopped = new CountDownLatch(1);
            SsePublisher publisher = survivor.publisher();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < TOTAL; i++) {
                    if (i == STOP_INSTANCE_AT) {
                        await(instanceStopped);
                    }
                    if (i == STOP_REDIS_AT) {
                        outage();
                    }
                    publishUntilAccepted(publisher, channel, Integer.toString(i), outageRetries);
                }
            });

            first.awaitEvents(STOP_INSTANCE_AT / 2, LONG_WAIT);
            doomed.close();
            instanceStopped.countDown();
            first.close();
            List<SseEvent> beforeStop = first.events();

            try (SseTestClient second = SseTestClient.connect(survivor.client(channel)
                    .lastEventId(beforeStop.get(beforeStop.size() - 1).id()))) {
                List<SseEvent> afterStop = second.awaitEvents(TOTAL - beforeStop.size(), LONG_WAIT);
                publishing.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS);

                List<String> everything = new ArrayList<>(beforeStop.stream().map(SseEvent::data).toList());
                everything.addAll(afterStop.stream().map(SseEvent::data).toList());
                assertThat(everything).containsExactlyElementsOf(
                        IntStream.range(0, TOTAL).mapToObj(Integer::toString).toList());
                assertThat(second.events()).as("nothing after the last event").hasSize(afterStop.size());
                assertThat(second.opens()).as("the stream on the survivor stayed open through the outage").isEqualTo(1);
                log.info("Redis fault soak: {} events before the instance stopped, {} after on the survivor, "
                        + "{} publish attempts refused during the {} outage; lost 0, duplicated 0",
                        beforeStop.size(), afterStop.size(), outageRetries.get(), OUTAGE);
            }
        }
    }

    private static void outage() {
        try {
            redis.stop();
            Thread.sleep(OUTAGE.toMillis());
            redis.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not play the Redis outage", e);
        }
    }

    private static void publishUntilAccepted(SsePublisher publisher, String channel, String data,
            AtomicInteger retries) {
        long deadline = System.nanoTime() + LONG_WAIT.toNanos();
        while (true) {
            try {
                publisher.publish(channel, data);
                return;
            } catch (SseBrokerException e) {
                retries.incrementAndGet();
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("Publishing did not recover within " + LONG_WAIT, e);
                }
                sleep(50);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(LONG_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("The instance was not stopped in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
