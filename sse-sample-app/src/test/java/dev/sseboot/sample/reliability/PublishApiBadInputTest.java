package dev.sseboot.sample.reliability;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.sample.PublishedText;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The publish API under a barrage of bad input while a page reads the channel: line breaks in the
 * event name, an id smuggled in the body, names that are not channels, wrong media types. Each gets
 * a clear 4xx (or is taken for what it is, never as other fields), nothing is logged at ERROR, and
 * the page receives exactly the legitimate events.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ticker.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class PublishApiBadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    SseHub hub;

    @Test
    void badPublishesGetA4xxAndThePageOnlyTheLegitimateEvents(CapturedOutput output) throws Exception {
        List<String> expected = new ArrayList<>();
        try (SseTestClient page = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/news"))) {
            page.awaitOpen(WAIT);
            publish("news", Map.of("data", "first"), 202);
            expected.add("message|first");

            for (String lineBreak : List.of("\r", "\n", "\r\n")) {
                publish("news", Map.of("event", "x" + lineBreak + "event: evil", "data", "injected?"), 400);
                publish("news", Map.of("event", "x" + lineBreak + "id: 666", "data", "injected?"), 400);
            }
            // Allowed by the wire format, so taken for what it is: a NUL in the event name, line
            // breaks and NUL in the data (which travels as JSON), and an id in the body, which the
            // API does not take (the hub assigns ids), so it cannot pose as a field either.
            publish("news", Map.of("event", "a\u0000b", "data", "nul in the name"), 202);
            expected.add("a\u0000b|nul in the name");
            publish("news", Map.of("data", "line\r\n\nevent: evil\u0000\ndata: pwned"), 202);
            expected.add("message|line\r\n\nevent: evil\u0000\ndata: pwned");
            publish("news", Map.of("id", "x\nevent: evil", "data", "with an id field"), 202);
            expected.add("message|with an id field");

            for (String channel : List.of("..", "%2E%2E", "a%2Fb", "a".repeat(129), "a".repeat(10_240), "a%00b",
                    "a%0D%0Aevent:%20evil", "a%1Bb", "%D1%83ser", "%EF%BD%95ser", "user%E2%88%95alice", "a%E2%80%8Bb",
                    "a%20b", "a*b")) {
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/channels/" + channel + "/messages"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"data\": \"to a bad channel\"}")));
                assertThat(response.statusCode()).as("channel %s", channel.length() > 40 ? channel.length() + " chars" : channel)
                        .isBetween(400, 499);
            }
            assertThat(send(HttpRequest.newBuilder(uri("/api/channels/news/messages")).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("data"))).statusCode()).isEqualTo(415);
            assertThat(send(HttpRequest.newBuilder(uri("/api/channels/news/messages")).GET()).statusCode()).isEqualTo(405);
            assertThat(send(HttpRequest.newBuilder(uri("/api/channels/news/messages")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"data\": " + "[".repeat(5_000) + "}"))).statusCode())
                    .as("deeply nested JSON").isEqualTo(400);

            publish("news", Map.of("data", "last"), 202);
            expected.add("message|last");

            List<SseEvent> received = page.awaitEvents(expected.size(), WAIT);
            assertThat(received).extracting(SseEvent::event, event -> text(event.data()))
                    .containsExactlyElementsOf(expected.stream().map(e -> tuple(e.split("\\|", 2)[0], e.split("\\|", 2)[1]))
                            .toList());
            Thread.sleep(300);
            assertThat(page.events()).as("nothing more than the legitimate events").hasSize(expected.size());
            assertThat(page.opens()).isEqualTo(1);
        }
        assertThat(hub.channels()).doesNotContain("..", "a/b");
        assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContain("\tat ");
    }

    private String text(String data) {
        return json.readValue(data, PublishedText.class).text();
    }

    private void publish(String channel, Map<String, String> body, int status) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/channels/" + channel + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        assertThat(response.statusCode()).as("publish %s: %s", body, response.body()).isEqualTo(status);
        if (status == 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
