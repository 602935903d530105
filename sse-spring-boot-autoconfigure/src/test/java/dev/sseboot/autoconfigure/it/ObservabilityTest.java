package dev.sseboot.autoconfigure.it;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.test.SseTestClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Meters count what was sent; the actuator shows channels, the fleet and the broker's health. */
@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.endpoints.web.exposure.include=sse,health",
                "management.endpoint.health.show-components=always",
                "sse.metrics.channel-tag=true",
                "sse.heartbeat=200ms"})
abstract class ObservabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    MeterRegistry registry;

    @Autowired
    JsonMapper json;

    @Autowired
    SseHub hub;

    @Test
    void metersCountWhatWasPublishedDeliveredAndClosed() throws Exception {
        StreamLimitsTest.awaitCondition(() -> activeStreams() == 0);
        try (SseTestClient first = connect("metered"); SseTestClient second = connect("metered")) {
            assertThat(activeStreams()).isEqualTo(2);
            for (int i = 0; i < 5; i++) {
                publisher.publish("metered", "event " + i);
            }
            first.awaitEvents(5, WAIT);
            second.awaitEvents(5, WAIT);
            StreamLimitsTest.awaitCondition(() -> counter("sse.messages.delivered") == 10);

            assertThat(counter("sse.messages.published")).isEqualTo(5);
            assertThat(registry.get("sse.delivery.latency").tag("channel", "metered").timer().count()).isPositive();
        }
        // The active gauge drops when the hub lets a stream go; the close is counted right after, by
        // the listener, so the count is awaited rather than read at once.
        StreamLimitsTest.awaitCondition(() -> activeStreams() == 0 && closedAsClientGone() == 2);
        assertThat(closedAsClientGone()).isEqualTo(2);
    }

    private double closedAsClientGone() {
        Counter closed = registry.find("sse.connections.closed").tag("channel", "metered").tag("reason", "client_gone")
                .counter();
        return closed == null ? 0 : closed.count();
    }

    private double activeStreams() {
        return registry.get("sse.connections.active").gauge().value();
    }

    /** A channel's counters register with its first event; until then it counts zero (polls may come earlier). */
    private double counter(String name) {
        Counter counter = registry.find(name).tag("channel", "metered").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theActuatorListsChannelsAndTheBrokerHealth() throws Exception {
        try (SseTestClient client = connect("watched")) {
            HttpResponse<String> sse = Http.send(Http.request(port, "/actuator/sse").build());
            assertThat(sse.statusCode()).isEqualTo(200);
            JsonNode report = json.readTree(sse.body());
            assertThat(report.get("clients").asInt()).isPositive();
            assertThat(report.get("brokerAvailable").asBoolean()).isTrue();
            assertThat(report.get("channels").valueStream().map(channel -> channel.get("name").asString()))
                    .contains("watched");
            JsonNode fleet = report.get("fleet");
            assertThat(fleet.get("available").asBoolean()).isTrue();
            assertThat(fleet.get("instances").valueStream().map(instance -> instance.get("id").asString()))
                    .as("with the in-memory broker the fleet is this instance")
                    .containsExactly(fleet.get("instance").asString());
            assertThat(fleet.get("channels").valueStream()
                    .filter(channel -> channel.get("name").asString().equals("watched"))
                    .map(channel -> channel.get("streams").asInt())).containsExactly(1);

            HttpResponse<String> health = Http.send(Http.request(port, "/actuator/health").build());
            assertThat(json.readTree(health.body()).at("/components/sseBroker/status").asString()).isEqualTo("UP");
        }
    }

    @Test
    void aMultiplexedStreamIsListedWithItsEntriesAndMeteredWithoutATagPerPattern() throws Exception {
        try (SseTestClient client = SseTestClient.connect(URI.create("http://localhost:" + port
                + MultiplexedStreamsTest.query("observed/a", "observed/*", "observed/x/**")))) {
            client.awaitOpen(WAIT);
            StreamLimitsTest.awaitCondition(() -> hub.patterns().containsKey("observed/x/**"));
            publisher.publish("observed/a", "named");
            publisher.publish("observed/b", "through a pattern");
            client.awaitEvents(2, WAIT);

            JsonNode report = json.readTree(Http.send(Http.request(port, "/actuator/sse").build()).body());
            assertThat(report.get("channels").valueStream()
                    .filter(channel -> channel.get("name").asString().equals("observed/a"))
                    .map(channel -> channel.get("subscribers").asInt())).containsExactly(1);
            assertThat(report.get("patterns").valueStream()
                    .filter(pattern -> pattern.get("pattern").asString().startsWith("observed/"))
                    .map(pattern -> pattern.get("pattern").asString() + "=" + pattern.get("subscribers").asInt()))
                    .containsExactly("observed/*=1", "observed/x/**=1");

            StreamLimitsTest.awaitCondition(() -> {
                Counter delivered = registry.find("sse.messages.delivered").tag("channel", "(multiplexed)").counter();
                return delivered != null && delivered.count() == 2;
            });
            assertThat(registry.getMeters()).as("meters tagged with a pattern")
                    .noneMatch(meter -> String.valueOf(meter.getId().getTag("channel")).contains("*"));
        }
    }

    private SseTestClient connect(String channel) {
        SseTestClient client = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/" + channel));
        client.awaitOpen(WAIT);
        return client;
    }
}
