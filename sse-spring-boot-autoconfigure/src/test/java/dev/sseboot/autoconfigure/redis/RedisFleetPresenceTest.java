package dev.sseboot.autoconfigure.redis;

import dev.sseboot.core.presence.SsePresence;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.redis.RedisServerExtension;
import dev.sseboot.spring.SseFleetSubscribedEvent;
import dev.sseboot.spring.SseFleetUnsubscribedEvent;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances on one Redis, over real HTTP: the actuator's fleet section, fleet broadcast and fleet events. */
class RedisFleetPresenceTest {

    private static final String[] SETTINGS = {"management.endpoints.web.exposure.include=health,sse"};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = new JsonMapper();

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    static RedisTestApplication.Instance a;
    static RedisTestApplication.Instance b;
    static final List<Object> eventsOnA = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startInstances() {
        a = RedisTestApplication.start(redis.port(), SETTINGS);
        b = RedisTestApplication.start(redis.port(), SETTINGS);
        a.context().addApplicationListener((ApplicationEvent event) -> {
            if (event instanceof PayloadApplicationEvent<?> payload) {
                eventsOnA.add(payload.getPayload());
            }
        });
    }

    @AfterAll
    static void stopInstances() {
        Stream.of(a, b).filter(instance -> instance != null).forEach(RedisTestApplication.Instance::close);
    }

    private static JsonNode actuator(RedisTestApplication.Instance instance) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(instance.uri("/actuator/sse"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String instanceId(RedisTestApplication.Instance instance) {
        return instance.context().getBean(SsePresence.class).instanceId();
    }

    @Test
    void theActuatorShowsTheFleetBesideThisInstance() throws Exception {
        try (SseTestClient onB = b.connect("served-by-b")) {
            onB.awaitOpen(WAIT);
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode report = actuator(a);
                assertThat(report.get("channels").valueStream().map(channel -> channel.get("name").asString()))
                        .as("this instance's own channels, as before").doesNotContain("served-by-b");
                JsonNode fleet = report.get("fleet");
                assertThat(fleet.get("available").asBoolean()).isTrue();
                assertThat(fleet.get("instance").asString()).isEqualTo(instanceId(a));
                assertThat(fleet.get("instances").valueStream().map(instance -> instance.get("id").asString()))
                        .containsExactlyInAnyOrder(instanceId(a), instanceId(b));
                assertThat(fleet.get("channels").valueStream()
                        .filter(channel -> channel.get("name").asString().equals("served-by-b"))
                        .map(channel -> channel.get("streams").asInt())).containsExactly(1);
                assertThat(fleet.get("streams").asInt()).isEqualTo(fleet.get("channels").valueStream()
                        .mapToInt(channel -> channel.get("streams").asInt()).sum()).isPositive();
                JsonNode instanceB = fleet.get("instances").valueStream()
                        .filter(instance -> instance.get("id").asString().equals(instanceId(b)))
                        .findFirst().orElseThrow();
                assertThat(instanceB.get("streams").asInt()).isPositive();
                assertThat(instanceB.get("host").asString()).isNotEmpty();
                assertThat(Instant.parse(instanceB.get("lastHeartbeat").asString()))
                        .isAfterOrEqualTo(Instant.parse(instanceB.get("started").asString()));
            });
        }
    }

    @Test
    void broadcastOnOneInstanceReachesAChannelOnlyAnotherServes() {
        try (SseTestClient onB = b.connect("broadcast-target")) {
            onB.awaitOpen(WAIT);
            await().atMost(WAIT).until(() -> a.context().getBean(SsePresence.class).channels()
                    .containsKey("broadcast-target"));
            assertThat(a.hub().hasChannel("broadcast-target")).isFalse();

            a.publisher().broadcast("to every channel of the fleet");

            assertThat(onB.awaitEvents(1, WAIT)).extracting(SseEvent::data)
                    .containsExactly("to every channel of the fleet");
        }
    }

    @Test
    void anInstanceHearsOfStreamsOnAnother() {
        String idOfB = instanceId(b);
        try (SseTestClient onB = b.connect("watched-from-a")) {
            onB.awaitOpen(WAIT);
            await().atMost(WAIT).until(() -> eventsOnA.contains(
                    new SseFleetSubscribedEvent("watched-from-a", null, idOfB, 1)));
        }
        await().atMost(WAIT).until(() -> eventsOnA.contains(
                new SseFleetUnsubscribedEvent("watched-from-a", null, idOfB, 0)));
    }
}
