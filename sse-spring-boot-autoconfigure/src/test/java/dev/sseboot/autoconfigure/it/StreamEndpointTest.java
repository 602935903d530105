package dev.sseboot.autoconfigure.it;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.spring.SseSubscribedEvent;
import dev.sseboot.spring.SseUnsubscribedEvent;
import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.hub.PublishResult;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "sse.headers.X-Stream-Owner=sseboot-tests",
                "sse.cors.allowed-origins=https://allowed.example",
                "sse.heartbeat=1s",
                "spring.mvc.async.request-timeout=1s"})
abstract class StreamEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Autowired
    StreamTestApplication.PresenceRecorder presence;

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private SseTestClient connect(String channel) {
        SseTestClient client = SseTestClient.connect(uri("/events/" + channel));
        client.awaitOpen(WAIT);
        return client;
    }

    @Test
    void publishedPayloadsArriveAsTheyWereMeant() {
        try (SseTestClient client = connect("payloads")) {
            publisher.publish("payloads", "plain text");
            publisher.publish("payloads", Map.of("price", 42));
            publisher.publish("payloads", "line one\nline two\r\nline three");
            publisher.publish("payloads", "price-changed", "named");
            publisher.publish("payloads", SseMessage.builder().id("custom-7").data("as built").build());

            assertThat(client.awaitEvents(5, WAIT)).extracting(SseEvent::event, SseEvent::data).containsExactly(
                    tuple("message", "plain text"),
                    tuple("message", "{\"price\":42}"),
                    tuple("message", "line one\nline two\nline three"),
                    tuple("price-changed", "named"),
                    tuple("message", "as built"));
            assertThat(client.lastEventId()).isEqualTo("custom-7");
        }
    }

    @Test
    void channelsMayHaveSlashes() {
        try (SseTestClient client = connect("rooms/42/chat")) {
            assertThat(hub.hasChannel("rooms/42/chat")).isTrue();
            publisher.publish("rooms/42/chat", "hi");
            assertThat(client.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("hi");
        }
    }

    @Test
    void publishReportsTheIdAndTheLocalStreams() {
        try (SseTestClient first = connect("counted"); SseTestClient second = connect("counted")) {
            PublishResult result = publisher.publish("counted", "x");

            assertThat(result.localStreams()).isEqualTo(2);
            assertThat(first.awaitEvents(1, WAIT).get(0).id()).isEqualTo(result.id());
            assertThat(second.awaitEvents(1, WAIT).get(0).id()).isEqualTo(result.id());
        }
    }

    @Test
    void publishingToAnInvalidChannelIsRejected() {
        assertThatThrownBy(() -> publisher.publish("bad channel", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> publisher.publish("ok", "evil\nevent: x", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event");
    }

    @Test
    void theStreamOpensWithTheRetryAndTheStreamingHeaders() throws Exception {
        HttpResponse<InputStream> response = Http.open(Http.request(port, "/events/headers")
                .header("Accept", "text/event-stream").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        assertThat(response.headers().firstValue("X-Stream-Owner")).hasValue("sseboot-tests");
        assertThat(Http.readUntil(response.body(), "\n\n", WAIT)).startsWith("retry: 3000\n\n");
    }

    @Test
    void aFreshStreamNamesItsPositionRightAfterTheRetry() throws Exception {
        String newest = publisher.publish("positioned", "before").id();
        HttpResponse<InputStream> response = Http.open(Http.request(port, "/events/positioned")
                .header("Accept", "text/event-stream").GET().build());

        assertThat(Http.readUntil(response.body(), "id: " + newest + "\n\n", WAIT))
                .startsWith("retry: 3000\n\nid: " + newest + "\n\n");
    }

    @Test
    void aClientThatReconnectsBeforeItsFirstEventGetsWhatWasPublishedMeanwhile() {
        try (SseTestClient client = SseTestClient.connect(SseClient.builder(uri("/events/first-second"))
                .reconnectDelay(Duration.ofMillis(100)))) {
            client.awaitOpen(WAIT);
            await().atMost(WAIT).until(() -> !client.lastEventId().isEmpty());

            hub.closeChannel("first-second");
            List<String> whileAway = List.of(publisher.publish("first-second", "while away 1").id(),
                    publisher.publish("first-second", "while away 2").id(),
                    publisher.publish("first-second", "while away 3").id());

            assertThat(client.awaitEvents(3, WAIT)).extracting(SseEvent::id, SseEvent::event, SseEvent::data)
                    .containsExactly(tuple(whileAway.get(0), "message", "while away 1"),
                            tuple(whileAway.get(1), "message", "while away 2"),
                            tuple(whileAway.get(2), "message", "while away 3"));
            assertThat(client.opens()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void clientsThatRefuseEventStreamsGet406AndOthersStream() throws Exception {
        for (String path : List.of("/events/negotiated", "/orders/18/events")) {
            for (String refusing : List.of("text/event-stream;q=0", "application/json", "text/event-stream;q=0, */*",
                    "text/*;q=0", "application/json, text/event-stream;q=0.0")) {
                assertThat(Http.send(Http.request(port, path).header("Accept", refusing).build()).statusCode())
                        .as("%s with Accept: %s", path, refusing).isEqualTo(406);
            }
            for (String accepting : List.of("*/*", "text/event-stream", "text/*;q=0, text/event-stream;q=0.5")) {
                HttpResponse<InputStream> response = Http.open(Http.request(port, path).header("Accept", accepting)
                        .build());
                assertThat(response.statusCode()).as("%s with Accept: %s", path, accepting).isEqualTo(200);
                assertThat(Http.readUntil(response.body(), "retry:", WAIT)).startsWith("retry:");
            }
            HttpResponse<InputStream> noAccept = Http.open(Http.request(port, path).build());
            assertThat(noAccept.statusCode()).as("%s without Accept", path).isEqualTo(200);
            assertThat(Http.readUntil(noAccept.body(), "retry:", WAIT)).startsWith("retry:");
        }
    }

    @Test
    void resumesFromTheLastEventIdHeaderWithNothingLost() {
        String afterThis = publisher.publish("resume-header", "1").id();
        publisher.publish("resume-header", "2");
        publisher.publish("resume-header", "3");

        try (SseTestClient client = SseTestClient.connect(SseClient.builder(uri("/events/resume-header"))
                .lastEventId(afterThis))) {
            client.awaitOpen(WAIT);
            publisher.publish("resume-header", "4");
            assertThat(client.awaitEvents(3, WAIT)).extracting(SseEvent::data).containsExactly("2", "3", "4");
        }
    }

    @Test
    void resumesFromTheLastEventIdQueryParameter() {
        String afterThis = publisher.publish("resume-query", "1").id();
        publisher.publish("resume-query", "2");

        try (SseTestClient client = connect("resume-query?lastEventId=" + afterThis)) {
            assertThat(client.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("2");
        }
    }

    @Test
    void theLastEventIdHeaderWinsOverTheQueryParameter() {
        String first = publisher.publish("resume-both", "1").id();
        String second = publisher.publish("resume-both", "2").id();
        publisher.publish("resume-both", "3");

        // What a browser sends when a stream opened with ?lastEventId= reconnects after events came.
        try (SseTestClient client = SseTestClient.connect(SseClient.builder(uri("/events/resume-both?lastEventId=" + first))
                .lastEventId(second))) {
            assertThat(client.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("3");
        }
    }

    @Test
    void anUnknownLastEventIdStartsWithTheGapEvent() {
        publisher.publish("gappy", "old");
        try (SseTestClient client = SseTestClient.connect(SseClient.builder(uri("/events/gappy"))
                .lastEventId("not-a-known-id"))) {
            assertThat(client.awaitEvents(1, WAIT).get(0).event()).isEqualTo("sse-gap");
        }
    }

    @Test
    void aReconnectingClientGetsWhatWasPublishedWhileItWasAway() {
        try (SseTestClient client = SseTestClient.connect(SseClient.builder(uri("/events/reconnect"))
                .reconnectDelay(Duration.ofMillis(100)))) {
            client.awaitOpen(WAIT);
            publisher.publish("reconnect", "before");
            client.awaitEvents(1, WAIT);

            hub.closeChannel("reconnect");
            publisher.publish("reconnect", "while away 1");
            publisher.publish("reconnect", "while away 2");

            assertThat(client.awaitEvents(3, WAIT)).extracting(SseEvent::data)
                    .containsExactly("before", "while away 1", "while away 2");
            assertThat(client.opens()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aStreamOutlivesTheAsyncRequestTimeout() throws Exception {
        try (SseTestClient client = connect("long-lived")) {
            Thread.sleep(2_500);
            publisher.publish("long-lived", "still here");

            assertThat(client.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("still here");
            assertThat(client.opens()).isEqualTo(1);
        }
    }

    @Test
    void invalidRequestsGetClearAnswers() throws Exception {
        HttpResponse<String> badChannel = Http.send(Http.request(port, "/events/a%20b")
                .header("Accept", "text/event-stream").build());
        assertThat(badChannel.statusCode()).isEqualTo(400);
        assertThat(badChannel.body()).contains("Invalid channel name");

        HttpResponse<String> dotDot = Http.send(Http.request(port, "/events/a/../b")
                .header("Accept", "text/event-stream").build());
        assertThat(dotDot.statusCode()).isBetween(400, 404);

        HttpResponse<String> longId = Http.send(Http.request(port, "/events/ok?lastEventId=" + "9".repeat(4000))
                .header("Accept", "text/event-stream").build());
        assertThat(longId.statusCode()).isEqualTo(400);
        assertThat(longId.body()).contains("Last-Event-ID");

        HttpResponse<String> json = Http.send(Http.request(port, "/events/ok").header("Accept", "application/json")
                .build());
        assertThat(json.statusCode()).isEqualTo(406);

        HttpResponse<String> post = Http.send(Http.request(port, "/events/ok")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);

        HttpResponse<String> head = Http.send(Http.request(port, "/events/ok")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(hub.hasChannel("ok")).isFalse();
    }

    @Test
    void corsPreflightIsAllowedForAConfiguredOriginOnly() throws Exception {
        HttpResponse<String> allowed = Http.send(preflight("https://allowed.example"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://allowed.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("last-event-id");

        HttpResponse<String> refused = Http.send(preflight("https://evil.example"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpRequest preflight(String origin) {
        return Http.request(port, "/events/cors").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "last-event-id")
                .build();
    }

    @Test
    void aUsersOwnControllerOpensStreamsThroughSseEmitters() {
        try (SseTestClient client = SseTestClient.connect(uri("/orders/17/events"))) {
            client.awaitOpen(WAIT);
            publisher.publish("orders/17", "shipped");
            assertThat(client.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("shipped");
        }
    }

    @Test
    void subscribeAndUnsubscribeArePublishedAsApplicationEvents() throws Exception {
        try (SseTestClient client = connect("presence")) {
            assertThat(presence.events).anySatisfy(event -> assertThat(event)
                    .isInstanceOfSatisfying(SseSubscribedEvent.class, subscribed -> {
                        assertThat(subscribed.channel()).isEqualTo("presence");
                        assertThat(subscribed.remoteAddress()).isEqualTo("127.0.0.1");
                    }));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (presence.events.stream().noneMatch(event -> event instanceof SseUnsubscribedEvent u
                && u.channel().equals("presence"))) {
            assertThat(System.nanoTime()).as("unsubscribed event").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void broadcastReachesEveryChannel() {
        try (SseTestClient a = connect("broadcast-a"); SseTestClient b = connect("broadcast-b")) {
            assertThat(publisher.broadcast("to everyone")).isGreaterThanOrEqualTo(2);
            assertThat(a.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("to everyone");
            assertThat(b.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("to everyone");
        }
    }

    static List<String> data(List<SseEvent> events) {
        return events.stream().map(SseEvent::data).toList();
    }
}
