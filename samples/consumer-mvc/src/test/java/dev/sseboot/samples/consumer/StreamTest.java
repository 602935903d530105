package dev.sseboot.samples.consumer;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

/** A real HTTP client on a real port receives what the application publishes. */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class StreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Test
    void theClockTicksOnItsChannel() {
        try (SseTestClient client = SseTestClient.connect(uri("/events/clock"))) {
            client.awaitOpen(WAIT);
            SseEvent tick = client.awaitEvent(event -> event.event().equals("tick"), WAIT);
            assertThat(tick.data()).isNotBlank();
            assertThat(tick.id()).isNotEmpty();
        }
    }

    @Test
    void postedTextReachesTheChannelsStreams() throws Exception {
        try (SseTestClient client = SseTestClient.connect(uri("/events/news"))) {
            client.awaitOpen(WAIT);

            HttpResponse<String> published = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri("/publish/news"))
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("hello from the test"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(published.statusCode()).isEqualTo(200);
            assertThat(published.body()).contains("\"localStreams\":1");
            assertThat(client.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("hello from the test");
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
