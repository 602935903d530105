package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseHubListener;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A barrage of bad input over HTTP and through {@link SsePublisher}, while a client reads a channel:
 * every bad request gets a clear 4xx (or, for an id the server does not know, the gap event), every
 * bad publish an exception naming the field, nothing is logged at ERROR, no stream is opened on a
 * name that is not a channel, and the reading client gets exactly the legitimate events.
 */
@SpringBootTest(classes = {ReliabilityTestApplication.class, BadHttpInputTest.ChannelRecorder.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sse.heartbeat=500ms")
@ExtendWith(OutputCaptureExtension.class)
abstract class BadHttpInputTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String WATCHED = "legit";

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Autowired
    ChannelRecorder channels;

    private SseTestClient watcher;
    private final List<SseEvent> legitimate = new ArrayList<>();

    /** Every channel a stream was ever opened on. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ChannelRecorder {
        final Set<String> subscribed = ConcurrentHashMap.newKeySet();

        @Bean
        SseHubListener channelRecordingListener() {
            return new SseHubListener() {
                @Override
                public void subscribed(Subscription subscription) {
                    subscribed.add(subscription.channel());
                }
            };
        }
    }

    @BeforeEach
    void openTheWatcher() {
        watcher = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/" + WATCHED));
        watcher.awaitOpen(WAIT);
        publishLegitimately(SseMessage.of("before the barrage"));
    }

    @AfterEach
    void closeTheWatcher() {
        watcher.close();
    }

    @Test
    void badRequestsGetClearAnswersAndTheReadingClientOnlyLegitimateEvents(CapturedOutput output) throws Exception {
        // Names that are not channels: path tricks, encoded slashes, over-long, control characters,
        // and Unicode look-alikes of ASCII names ("user/alice" with a Cyrillic u, fullwidth letters,
        // division or fullwidth slashes, invisible characters).
        List<String> targets = List.of(
                "/events/..", "/events/%2e%2e", "/events/a/%2E%2E/%2E%2E/b", "/events/user%2Falice",
                "/events/user%2falice", "/events/", "/events/" + "a".repeat(200), "/events/" + "a".repeat(10_240),
                "/events/a%00b", "/events/a%0D%0Aevent:%20evil", "/events/a%0Ab", "/events/a%09b", "/events/a%7Fb",
                "/events/a%1Bb", "/events/a%20b", "/events/%D1%83ser/alice", "/events/%EF%BD%95ser/alice",
                "/events/user%E2%88%95alice", "/events/user%EF%BC%8Falice", "/events/%C0%AE%C0%AE",
                "/events/a%E2%80%8Bb", "/events/%E2%80%AEreversed", "/events/a%FFb", "/events/a*b",
                "/events/a%3Cscript%3E");
        for (String target : targets) {
            assertThat(rawStatus(target)).as("GET %s", abbreviate(target)).isBetween(400, 499);
            publishLegitimately(SseMessage.of("after " + abbreviate(target)));
        }
        // Bytes no HTTP library would send: a raw control character and a space in the request target.
        assertThat(rawStatus("/events/a\u0001b")).isBetween(400, 499);
        assertThat(rawStatus("/events/a b")).isBetween(400, 499);

        // Last-Event-ID: larger than the container takes (its header limit answers), longer than
        // the hub takes (header and query parameter), and raw control bytes.
        assertThat(rawStatus("/events/ok", "Last-Event-ID: " + "7".repeat(64 * 1024))).isBetween(400, 499);
        HttpResponse<String> longHeader = StreamRead.send(StreamRead.request(port, "/events/ok")
                .header("Accept", "text/event-stream").header("Last-Event-ID", "7".repeat(2_000)).build());
        assertThat(longHeader.statusCode()).isEqualTo(400);
        assertThat(longHeader.body()).contains("Last-Event-ID");
        HttpResponse<String> longQuery = StreamRead.send(StreamRead.request(port,
                "/events/ok?lastEventId=" + "7".repeat(2_000)).header("Accept", "text/event-stream").build());
        assertThat(longQuery.statusCode()).isEqualTo(400);
        assertThat(rawStatus("/events/ok", "Last-Event-ID: 1\u0001\u0002")).isBetween(400, 499);

        // Methods and media types that do not open streams.
        assertThat(StreamRead.send(StreamRead.request(port, "/events/ok").header("Accept", "application/json")
                .build()).statusCode()).isEqualTo(406);
        for (String method : List.of("HEAD", "POST", "PUT", "DELETE", "PATCH")) {
            assertThat(StreamRead.send(StreamRead.request(port, "/events/ok").header("Accept", "text/event-stream")
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build()).statusCode())
                    .as(method).isEqualTo(405);
        }
        publishLegitimately(SseMessage.of("after the headers and methods"));

        assertThat(watcher.awaitEvents(legitimate.size(), WAIT)).as("what the reading client got")
                .containsExactlyElementsOf(legitimate);
        assertThat(watcher.opens()).isEqualTo(1);
        // "ids" is where the test of malformed ids opens its streams, in this context too.
        assertThat(channels.subscribed).as("channels any stream was opened on").isSubsetOf(WATCHED, "ids");
        assertNothingLoggedAsAnError(output);
    }

    @Test
    void malformedLastEventIdsStartTheStreamWithTheGapEventAndNothingElse(CapturedOutput output) throws Exception {
        publisher.publish("ids", "history");
        // "0" is no longer among them: it is the in-memory broker's beginning, a position it resumes from.
        List<String> ids = List.of("abc", "-1", "00", "99999999999999999999999999999", "1.5", "1;DROP TABLE",
                "' OR '1'='1", "../../etc/passwd", "\u0000", "x\r\nevent: evil\r\ndata: pwned", "\u00e9\u00e8\ud83d\ude00");
        for (String id : ids) {
            // As a query parameter, so that line breaks and NUL reach the server at all.
            HttpResponse<InputStream> response = StreamRead.open(StreamRead.request(port,
                    "/events/ids?lastEventId=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                    .header("Accept", "text/event-stream").build());
            assertThat(response.statusCode()).isEqualTo(200);
            List<SseEvent> events = StreamRead.events(response.body(), 1, WAIT);
            assertThat(events).as("Last-Event-ID %s", id.replace("\r", "\\r").replace("\n", "\\n"))
                    .extracting(SseEvent::event, SseEvent::data)
                    .containsExactly(tuple("sse-gap", id.replace("\r\n", "\n")));
        }
        assertNothingLoggedAsAnError(output);
        publishLegitimately(SseMessage.of("after the ids"));
        assertThat(watcher.awaitEvents(legitimate.size(), WAIT)).containsExactlyElementsOf(legitimate);
    }

    @Test
    void badPublishesAreRejectedNamingTheFieldAndNeverReachAClient(CapturedOutput output) {
        for (String lineBreak : List.of("\r", "\n", "\r\n")) {
            String evil = "x" + lineBreak + "event: evil" + lineBreak + "data: pwned";
            assertThatThrownBy(() -> publisher.publish(WATCHED, evil, "payload"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event");
            assertThatThrownBy(() -> publisher.publish(WATCHED, SseMessage.builder().id(evil).data("payload").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
            assertThatThrownBy(() -> publisher.publish(WATCHED, SseMessage.builder().event(evil).data("x").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event");
        }
        assertThatThrownBy(() -> publisher.publish(WATCHED, SseMessage.builder().id("a\u0000b").data("x").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> publisher.publish(WATCHED, SseMessage.builder().retryMillis(-1L).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry");
        for (String channel : List.of("..", "a/../b", "a%2Fb", "a\nb", "", "a".repeat(129), "\u0443ser/alice", "a b")) {
            assertThatThrownBy(() -> publisher.publish(channel, "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("channel");
        }
        for (String user : List.of("../bob", "alice/../bob", "a\nb", "", "alice/")) {
            assertThatThrownBy(() -> publisher.publishToUser(user, "x")).isInstanceOf(IllegalArgumentException.class);
        }

        // What the wire format allows must arrive as it was meant, never as other fields: data
        // that looks like fields, and a NUL in an event name (the spec forbids it in ids only).
        publishLegitimately(SseMessage.of("line\n\nevent: evil\ndata: pwned\r\nid: 666"));
        publishLegitimately(SseMessage.builder().event("a\u0000b").data("nul in the name").build());
        publishLegitimately(SseMessage.builder().comment("comment\nevent: evil\ndata: pwned").data("after a comment").build());

        assertThat(watcher.awaitEvents(legitimate.size(), WAIT)).containsExactlyElementsOf(legitimate);
        assertNothingLoggedAsAnError(output);
    }

    /**
     * Nothing at ERROR and no stack trace at WARN. Spring MVC's own WARN "Resolved [...]" lines for
     * the 405 and 406 answers name the client's mistake in one line; Tomcat notes the first
     * malformed request line of a JVM at INFO, with a stack trace, and later ones at DEBUG.
     */
    private static void assertNothingLoggedAsAnError(CapturedOutput output) {
        assertThat(LogEntries.parse(output.getOut()))
                .filteredOn(entry -> entry.level().equals("ERROR") || (entry.isWarnOrError() && entry.hasStackTrace()))
                .isEmpty();
    }

    /** Publishes to the watched channel and notes what the reading client must get, as a browser would parse it. */
    private void publishLegitimately(SseMessage message) {
        String id = publisher.publish(WATCHED, message).id();
        String data = message.data().replace("\r\n", "\n").replace('\r', '\n');
        legitimate.add(new SseEvent(message.id() != null ? message.id() : id,
                message.event() != null ? message.event() : "message", data));
    }

    /** The status the server answers to a request sent as raw bytes (Latin-1, so every byte is as given). */
    private int rawStatus(String target, String... headers) throws Exception {
        try (RawStream stream = RawStream.get(port, target, 0, headers)) {
            stream.readUntil("\r\n", WAIT);
            return stream.status();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…(" + text.length() + ")";
    }
}
