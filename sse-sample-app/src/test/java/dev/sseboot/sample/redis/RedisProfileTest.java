package dev.sseboot.sample.redis;

import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.sample.SampleApplication;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's redis profile against a real redis-server process: events go through Redis. The test
 * owns the application's lifetime so the application stops before Redis does.
 */
class RedisProfileTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void publishedEventsTravelThroughRedis() throws Exception {
        int redisPort = freePort();
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
                .profiles("redis")
                .run("--server.port=0", "--sample.ticker.enabled=false", "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=" + redisPort)) {
            assertThat(app.getBean(SseBroker.class).getClass().getSimpleName()).isEqualTo("RedisSseBroker");
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            try (SseTestClient client = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/scaled"))) {
                client.awaitOpen(WAIT);
                HttpResponse<String> published = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/channels/scaled/messages"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"data\": \"via redis\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(published.statusCode()).isEqualTo(202);

                SseEvent event = client.awaitEvents(1, WAIT).get(0);
                assertThat(event.data()).contains("via redis");
                assertThat(event.id()).as("a Redis stream id").matches("\\d+-\\d+");
            }
        } finally {
            redis.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
