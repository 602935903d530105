package dev.sseboot.samples.consumer;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** The sse.* lines of application.yml reach the streams. */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class PropertiesTest {

    @LocalServerPort
    int port;

    @Autowired
    SseHub hub;

    @Test
    void aStreamOpensWithTheConfiguredRetryAndHeaders() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("/events/settings"))
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(response.headers().firstValue("X-Served-By")).hasValue("consumer-mvc");
            assertThat(body.readLine()).isEqualTo("retry: 7000");
        }
    }

    @Test
    void aQuietStreamGetsHeartbeats() {
        try (SseTestClient client = SseTestClient.connect(uri("/events/quiet"))) {
            client.awaitOpen(Duration.ofSeconds(10));
            // sse.heartbeat is 2s here (15s by default): a comment arrives well within the wait.
            assertThat(client.awaitComments(1, Duration.ofSeconds(6))).isNotEmpty();
        }
    }

    @Test
    void theHubHasTheConfiguredSettings() {
        assertThat(hub.settings().retry()).isEqualTo(Duration.ofSeconds(7));
        assertThat(hub.settings().heartbeat()).isEqualTo(Duration.ofSeconds(2));
        assertThat(hub.settings().replaySize()).isEqualTo(50);
        assertThat(hub.settings().replayTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(hub.settings().headers()).containsEntry("X-Served-By", "consumer-mvc");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
