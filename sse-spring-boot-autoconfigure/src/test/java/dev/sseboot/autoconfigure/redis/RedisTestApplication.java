package dev.sseboot.autoconfigure.redis;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.client.SseClient;
import dev.sseboot.test.SseTestClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One application instance as users run it with {@code sse.broker=redis}: the starter, Spring
 * Data Redis configured by {@code spring.data.redis.*}, and Actuator. Tests start several on
 * random ports against one Redis, and workers without a web server beside them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
class RedisTestApplication {

    /** Starts an instance on a random port that uses the Redis on {@code redisPort}. */
    static Instance start(int redisPort, String... properties) {
        return new Instance(application(standalone(redisPort), properties).run());
    }

    /** Starts an instance on a random port that uses the Redis Cluster of these nodes ({@code host:port,…}). */
    static Instance startOnCluster(String nodes, String... properties) {
        return new Instance(application(List.of("spring.data.redis.cluster.nodes=" + nodes), properties).run());
    }

    /** Starts a worker without a web server that publishes to the Redis on {@code redisPort}. */
    static ConfigurableApplicationContext startWorker(int redisPort, String... properties) {
        return application(standalone(redisPort), properties).web(WebApplicationType.NONE).run();
    }

    private static List<String> standalone(int redisPort) {
        return List.of("spring.data.redis.host=localhost", "spring.data.redis.port=" + redisPort);
    }

    private static SpringApplicationBuilder application(List<String> redis, String... properties) {
        List<String> all = new ArrayList<>(redis);
        all.addAll(List.of(
                "server.port=0",
                "spring.main.banner-mode=off",
                "sse.broker=redis",
                "spring.data.redis.timeout=2s",
                "management.endpoints.web.exposure.include=health",
                "management.endpoint.health.show-components=always"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(RedisTestApplication.class).properties(all.toArray(String[]::new));
    }

    /** A running instance. */
    record Instance(ConfigurableApplicationContext context) implements AutoCloseable {

        int port() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + port() + path);
        }

        SsePublisher publisher() {
            return context.getBean(SsePublisher.class);
        }

        SseHub hub() {
            return context.getBean(SseHub.class);
        }

        SseTestClient connect(String channel) {
            return SseTestClient.connect(client(channel));
        }

        SseClient.Builder client(String channel) {
            return SseClient.builder(uri("/events/" + channel));
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
