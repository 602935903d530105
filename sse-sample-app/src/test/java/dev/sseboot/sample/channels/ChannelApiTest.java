package dev.sseboot.sample.channels;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.sample.PublishedText;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ticker.interval=500ms")
class ChannelApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    private int port;

    private RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void publishAnswers202WithTheIdAndStreamsGetTheEventWithItsPublishTime() {
        try (SseTestClient stream = SseTestClient.connect(streamUri("news"))) {
            stream.awaitOpen(TIMEOUT);

            ChannelController.Published published = publish("news", "{\"event\": \"greeting\", \"data\": \"hello\"}");

            assertThat(published.channel()).isEqualTo("news");
            assertThat(published.localStreams()).isEqualTo(1);
            SseEvent event = stream.awaitEvents(1, TIMEOUT).get(0);
            assertThat(event.id()).isEqualTo(published.id());
            assertThat(event.event()).isEqualTo("greeting");
            PublishedText data = json.readValue(event.data(), PublishedText.class);
            assertThat(data.text()).isEqualTo("hello");
            assertThat(data.publishedAt()).isPositive();
        }
    }

    @Test
    void publishWithoutAnEventNameSendsAMessageEvent() {
        try (SseTestClient stream = SseTestClient.connect(streamUri("plain"))) {
            stream.awaitOpen(TIMEOUT);

            publish("plain", "{\"data\": \"two\\nlines\"}");

            SseEvent event = stream.awaitEvents(1, TIMEOUT).get(0);
            assertThat(event.event()).isEqualTo("message");
            assertThat(json.readValue(event.data(), PublishedText.class).text()).isEqualTo("two\nlines");
        }
    }

    @Test
    void publishToAChannelWithoutStreamsIsAcceptedForLaterReplay() {
        ChannelController.Published published = publish("nobody-listens", "{\"data\": \"kept\"}");

        assertThat(published.id()).isNotBlank();
        assertThat(published.localStreams()).isZero();
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                arguments("missing data", "news", "{\"event\": \"greeting\"}"),
                arguments("data that is not text", "news", "{\"data\": {\"nested\": true}}"),
                arguments("malformed JSON", "news", "{\"data\":"),
                arguments("empty body", "news", ""),
                arguments("CR and LF in the event name", "news", "{\"event\": \"a\\r\\nid: 666\", \"data\": \"x\"}"),
                arguments("empty event name", "news", "{\"event\": \"\", \"data\": \"x\"}"),
                arguments("invalid character in the channel name", "bad!name", "{\"data\": \"x\"}"),
                arguments("over-long channel name", "a".repeat(129), "{\"data\": \"x\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputAnswers400WithAProblemDetail(String problem, String channel, String body) {
        client.post().uri("/api/channels/{channel}/messages", channel)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void closeEndsTheStreamsAndTheyResumeWithWhatWasPublishedMeanwhile() {
        try (SseTestClient stream = SseTestClient.connect(streamUri("closing"))) {
            stream.awaitOpen(TIMEOUT);
            publish("closing", "{\"data\": \"before\"}");
            stream.awaitEvents(1, TIMEOUT);

            client.post().uri("/api/channels/closing/close")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.channel").isEqualTo("closing")
                    .jsonPath("$.closedStreams").isEqualTo(1);
            String missedId = publish("closing", "{\"data\": \"while away\"}").id();

            stream.awaitOpens(2, TIMEOUT);
            assertThat(stream.awaitEvents(2, TIMEOUT).get(1).id()).isEqualTo(missedId);
        }
    }

    @Test
    void closeOfAnInvalidChannelAnswers400() {
        client.post().uri("/api/channels/{channel}/close", "bad!name")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void listShowsChannelsWithTheirStreamsAndTheServerClock() {
        try (SseTestClient first = SseTestClient.connect(streamUri("listed"));
                SseTestClient second = SseTestClient.connect(streamUri("listed"))) {
            first.awaitOpen(TIMEOUT);
            second.awaitOpen(TIMEOUT);
            long before = System.currentTimeMillis();

            ChannelController.Channels channels = client.get().uri("/api/channels")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(ChannelController.Channels.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(channels.channels()).contains(new ChannelController.ChannelSummary("listed", 2));
            assertThat(channels.serverTime()).isBetween(before, System.currentTimeMillis());
        }
    }

    private ChannelController.Published publish(String channel, String body) {
        return client.post().uri("/api/channels/{channel}/messages", channel)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(ChannelController.Published.class)
                .returnResult()
                .getResponseBody();
    }

    private URI streamUri(String channel) {
        return URI.create("http://localhost:" + port + "/events/" + channel);
    }
}
