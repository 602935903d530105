package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.redis.RedisServerExtension;
import dev.sseboot.spring.SsePublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Redis stops under an application that publishes from its own endpoints (an annotated
 * controller and a functional route): each refused publish is a {@code 503} with {@code Retry-After},
 * and the log gets one WARN when the refusals start and one, with their count, when publishing works
 * again; no ERROR and no stack trace per request.
 */
@SpringBootTest(classes = {ReliabilityTestApplication.class, BrokerOutageTest.PublishEndpoints.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sse.broker=redis", "sse.retry=2s", "spring.data.redis.host=localhost",
                "spring.data.redis.timeout=1s"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
abstract class BrokerOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OUTAGES_LOGGER = "dev.sseboot.web.BrokerOutages";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @DynamicPropertySource
    static void redisPort(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", redis::port);
    }

    @LocalServerPort
    int port;

    private final AtomicInteger refused = new AtomicInteger();

    /** An application's own publish endpoints, as a controller and as a functional route. */
    @TestConfiguration(proxyBeanMethods = false)
    static class PublishEndpoints {

        @RestController
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        static class MvcPublishController {

            private final SsePublisher publisher;

            MvcPublishController(SsePublisher publisher) {
                this.publisher = publisher;
            }

            @PostMapping("/publish/{channel}")
            ResponseEntity<String> publish(@PathVariable String channel, @RequestBody String data) {
                return ResponseEntity.accepted().body(publisher.publish(channel, data).id());
            }
        }

        @RestController
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
        static class ReactivePublishController {

            private final SsePublisher publisher;

            ReactivePublishController(SsePublisher publisher) {
                this.publisher = publisher;
            }

            @PostMapping("/publish/{channel}")
            Mono<ResponseEntity<String>> publish(@PathVariable String channel, @RequestBody String data) {
                return Mono.fromCallable(() -> ResponseEntity.accepted().body(publisher.publish(channel, data).id()));
            }
        }

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
                mvcPublishRoute(SsePublisher publisher) {
            return org.springframework.web.servlet.function.RouterFunctions.route()
                    .POST("/fn/publish/{channel}", request -> org.springframework.web.servlet.function.ServerResponse
                            .accepted().body(publisher.publish(request.pathVariable("channel"),
                                    request.body(String.class)).id()))
                    .build();
        }

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
        RouterFunction<ServerResponse> reactivePublishRoute(SsePublisher publisher) {
            return org.springframework.web.reactive.function.server.RouterFunctions.route()
                    .POST("/fn/publish/{channel}", request -> request.bodyToMono(String.class)
                            .map(data -> publisher.publish(request.pathVariable("channel"), data).id())
                            .flatMap(id -> ServerResponse.accepted().bodyValue(id)))
                    .build();
        }
    }

    @Test
    void anOutageIsA503WithRetryAfterLoggedOnceWhenItStartsAndOnceWhenItEnds(CapturedOutput output) throws Exception {
        assertThat(publish("/publish/news").statusCode()).isEqualTo(202);
        assertThat(publish("/fn/publish/news").statusCode()).isEqualTo(202);

        redis.stop();
        for (String path : List.of("/publish/news", "/fn/publish/news", "/publish/news", "/fn/publish/news")) {
            HttpResponse<String> response = publish(path);
            assertThat(response.statusCode()).as("%s during the outage: %s", path, response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as(path).hasValue("2");
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(path).contains("\"status\":503").doesNotContain("Redis");
        }

        redis.start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> publish("/publish/news").statusCode() == 202);
        assertThat(publish("/fn/publish/news").statusCode()).isEqualTo(202);

        List<LogEntries.Entry> entries = LogEntries.parse(output.getOut());
        assertThat(entries).filteredOn(entry -> entry.logger().equals(OUTAGES_LOGGER))
                .extracting(LogEntries.Entry::level, LogEntries.Entry::message)
                .satisfiesExactly(
                        start -> assertThat(start.toList()).first().isEqualTo("WARN"),
                        end -> assertThat(end.toList()).containsExactly("WARN",
                                "The SSE broker takes publishes again; " + refused.get()
                                        + " were refused with 503 meanwhile"));
        assertThat(refused.get()).isGreaterThanOrEqualTo(4);
        assertThat(entries).as("nothing at ERROR").noneMatch(entry -> entry.level().equals("ERROR"));
        assertThat(entries).as("no stack trace from the application's side")
                .noneMatch(entry -> entry.hasStackTrace() && !entry.logger().startsWith("i.l.") 
                        && !entry.logger().startsWith("io.lettuce"));
    }

    private HttpResponse<String> publish(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("event")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
            refused.incrementAndGet();
        }
        return response;
    }
}
