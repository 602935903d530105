package dev.sseboot.autoconfigure.redis;

import dev.sseboot.core.hub.PublishResult;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.redis.RedisServerExtension;
import dev.sseboot.redis.RedisSseBroker;
import dev.sseboot.redis.TestRedis;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.test.SseTestClient;
import dev.sseboot.web.servlet.SseEmitters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker without a web server ({@code WebApplicationType.NONE}, {@code sse.broker=redis})
 * publishes through {@link SsePublisher}; a real client on a separate web instance receives the
 * events, in order, under the ids the worker's publishes returned.
 */
class PublishOnlyWorkerTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    static ConfigurableApplicationContext worker;
    static RedisTestApplication.Instance web;

    @BeforeAll
    static void start() {
        worker = RedisTestApplication.startWorker(redis.port());
        web = RedisTestApplication.start(redis.port());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void theWorkerIsAPublisherOnRedisWithoutAWebServer() {
        assertThat(worker).isNotInstanceOf(WebServerApplicationContext.class);
        assertThat(worker.getBean(SseHub.class).broker()).isInstanceOf(RedisSseBroker.class);
        assertThat(worker.getBeanNamesForType(SseEmitters.class)).isEmpty();
    }

    @Test
    void eventsTheWorkerPublishesReachAStreamOnTheWebInstance() throws Exception {
        SsePublisher publisher = worker.getBean(SsePublisher.class);
        try (SseTestClient client = web.connect("jobs")) {
            TestRedis.awaitCondition("a stream on 'jobs'", () -> web.hub().subscriberCount("jobs") == 1);

            List<PublishResult> published = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                published.add(publisher.publish("jobs", "job " + i));
            }
            published.add(publisher.publish("jobs", "job-done", Map.of("jobs", 20)));

            List<SseEvent> events = client.awaitEvents(21, WAIT);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("job " + i);
            }
            expected.add("{\"jobs\":20}");
            assertThat(events).extracting(SseEvent::data).containsExactlyElementsOf(expected);
            assertThat(events).extracting(SseEvent::id)
                    .containsExactlyElementsOf(published.stream().map(PublishResult::id).toList());
            assertThat(events.get(20).event()).isEqualTo("job-done");
            assertThat(published).as("the worker serves no streams itself")
                    .allSatisfy(result -> assertThat(result.localStreams()).isZero());
        }
    }
}
