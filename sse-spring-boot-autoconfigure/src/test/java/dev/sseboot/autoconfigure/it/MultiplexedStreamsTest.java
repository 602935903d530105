package dev.sseboot.autoconfigure.it;

import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.hub.CompositeEventId;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.spring.SseSubscribedEvent;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Several channels and patterns on one stream, {@code GET {sse.path}?channel=a&channel=b}: each
 * event once with its composite id, patterns, resumption per channel from the composite
 * Last-Event-ID, and the requests that are refused.
 */
@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sse.heartbeat=1s")
abstract class MultiplexedStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Autowired
    StreamTestApplication.PresenceRecorder presence;

    static String query(String... entries) {
        return Arrays.stream(entries)
                .map(entry -> "channel=" + URLEncoder.encode(entry, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "/events?", ""));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    /** Connects and waits for the opening block, so that what is published next is live for it. */
    private SseTestClient connect(String... entries) {
        return opened(SseTestClient.connect(uri(query(entries))));
    }

    private static SseTestClient opened(SseTestClient client) {
        client.awaitOpen(WAIT);
        await().atMost(WAIT).until(() -> !client.lastEventId().isEmpty());
        return client;
    }

    private static CompositeEventId id(String text, int entries) {
        return CompositeEventId.parse(text, entries);
    }

    private static String composite(String source, String... positions) {
        return new CompositeEventId(source, List.of(positions)).text();
    }

    @Test
    void twoChannelsShareOneStreamAndEachEventArrivesOnceWithItsChannelAndEveryPosition() {
        try (SseTestClient client = connect("mx/a", "mx/b")) {
            CompositeEventId opening = id(client.lastEventId(), 2);
            assertThat(opening.source()).as("the opening block's source").isEmpty();
            assertThat(opening.positions()).allSatisfy(position -> assertThat(position).isNotEmpty());

            String a1 = publisher.publish("mx/a", "a one").id();
            String b1 = publisher.publish("mx/b", "price", "b one").id();
            publisher.publish("mx/c", "not subscribed");
            String a2 = publisher.publish("mx/a", "line one\nline two").id();
            String b2 = publisher.publish("mx/b", "last").id();

            assertThat(client.awaitEvents(4, WAIT)).extracting(SseEvent::id, SseEvent::event, SseEvent::data)
                    .containsExactly(
                            tuple(composite("mx/a", a1, opening.positions().get(1)), "message", "a one"),
                            tuple(composite("mx/b", a1, b1), "price", "b one"),
                            tuple(composite("mx/a", a2, b1), "message", "line one\nline two"),
                            tuple(composite("mx/b", a2, b2), "message", "last"));
            assertThat(client.events()).as("nothing twice").hasSize(4);
            assertThat(presence.events).as("one stream on the server for both channels")
                    .filteredOn(event -> event instanceof SseSubscribedEvent subscribed
                            && subscribed.channels().contains("mx/a"))
                    .singleElement()
                    .satisfies(event -> assertThat(((SseSubscribedEvent) event).channels()).containsExactly("mx/a", "mx/b"));
            assertThat(hub.subscriberCount("mx/a")).isEqualTo(1);
            assertThat(hub.subscriberCount("mx/b")).isEqualTo(1);
        }
    }

    @Test
    void theWireOpensWithTheRetryAndAnIdOnlyBlockOfEveryPosition() throws Exception {
        HttpResponse<InputStream> response = Http.open(Http.request(port, query("mx-wire/a", "mx-wire/*"))
                .header("Accept", "text/event-stream").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
        await().atMost(WAIT).until(() -> hub.subscriberCount("mx-wire/x") == 1);
        publisher.publish("mx-wire/x", "through the pattern");
        String marker = publisher.publish("mx-wire/a", "marker").id();

        String read = Http.readUntil(response.body(), "marker\nid: mx-wire/a|" + marker + ",\n\n", WAIT);
        // Heartbeats and disconnect probes are comments, and may come between any two blocks.
        assertThat(read.replaceAll("(?m)^:[^\n]*\n\n?", "")).matches(
                "retry: 3000\n\nid: \\|([^,\n]+),\n\n"
                        + "data: through the pattern\nid: mx-wire/x\\|\\1,\n\n"
                        + "data: marker\nid: mx-wire/a\\|" + marker + ",\n\n");
    }

    @Test
    void patternsGetTheirChannelsOnceEachAlsoChannelsCreatedAfterTheStreamOpened() {
        try (SseTestClient client = connect("mxp/*", "mxq/**", "mxp/ACME")) {
            String acmeBefore = id(client.lastEventId(), 3).positions().get(2);
            publisher.publish("mxp/new", "one segment below");
            publisher.publish("mxp/a/b", "two segments below: not for mxp/*");
            publisher.publish("mxp", "the prefix itself: not for mxp/*");
            publisher.publish("mxq/a/b", "any depth below");
            String acme = publisher.publish("mxp/ACME", "named and matched").id();
            publisher.publish("mxq", "the prefix itself: not for mxq/**");
            publisher.publish("mxq/last", "last");

            assertThat(client.awaitEvents(4, WAIT)).extracting(SseEvent::id, SseEvent::data).containsExactly(
                    tuple(composite("mxp/new", "", "", acmeBefore), "one segment below"),
                    tuple(composite("mxq/a/b", "", "", acmeBefore), "any depth below"),
                    tuple(composite("mxp/ACME", "", "", acme), "named and matched"),
                    tuple(composite("mxq/last", "", "", acme), "last"));
            assertThat(client.events()).as("nothing twice, nothing unmatched").hasSize(4);
        }
    }

    @Test
    void aReturningClientResumesEveryChannelFromTheCompositeLastEventIdHeader() {
        String last;
        try (SseTestClient client = connect("mxr/a", "mxr/b")) {
            publisher.publish("mxr/a", "a1");
            publisher.publish("mxr/b", "b1");
            client.awaitEvents(2, WAIT);
            last = client.lastEventId();
        }
        List<String> missed = List.of(publisher.publish("mxr/a", "a2").id(), publisher.publish("mxr/b", "b2").id(),
                publisher.publish("mxr/a", "a3").id());

        try (SseTestClient client = opened(SseTestClient.connect(SseClient.builder(uri(query("mxr/a", "mxr/b")))
                .lastEventId(last)))) {
            String b3 = publisher.publish("mxr/b", "b3 live").id();
            List<SseEvent> events = client.awaitEvents(4, WAIT);
            assertThat(bySource(events, "mxr/a")).containsExactly("a2", "a3");
            assertThat(bySource(events, "mxr/b")).containsExactly("b2", "b3 live");
            assertThat(id(events.get(3).id(), 2).positions()).as("where the client stands on both")
                    .containsExactly(missed.get(2), b3);
            assertThat(client.events()).as("nothing twice").hasSize(4);
        }
    }

    @Test
    void theLastEventIdQueryParameterResumesAndTheHeaderWinsOverIt() {
        String older;
        String newer;
        try (SseTestClient client = connect("mxq2/a", "mxq2/b")) {
            publisher.publish("mxq2/a", "a1");
            client.awaitEvents(1, WAIT);
            older = client.lastEventId();
            publisher.publish("mxq2/b", "b1");
            client.awaitEvents(2, WAIT);
            newer = client.lastEventId();
        }
        publisher.publish("mxq2/a", "a2");
        String withParameter = query("mxq2/a", "mxq2/b") + "&lastEventId=" + URLEncoder.encode(older, StandardCharsets.UTF_8);

        try (SseTestClient client = opened(SseTestClient.connect(uri(withParameter)))) {
            assertThat(client.awaitEvents(2, WAIT)).extracting(SseEvent::data).containsExactlyInAnyOrder("b1", "a2");
        }
        try (SseTestClient client = opened(SseTestClient.connect(SseClient.builder(uri(withParameter)).lastEventId(newer)))) {
            publisher.publish("mxq2/b", "b2");
            assertThat(client.awaitEvents(2, WAIT)).extracting(SseEvent::data).containsExactly("a2", "b2");
        }
    }

    @Test
    void aChannelWhosePositionCannotBeReplayedGetsItsOwnGapEventAndTheOthersResumeExactly() {
        String b1 = publisher.publish("mxg/b", "b1").id();
        publisher.publish("mxg/b", "b2");
        String resumeFrom = composite("mxg/b", "no-such-position", b1, "");

        try (SseTestClient client = opened(SseTestClient.connect(SseClient.builder(
                uri(query("mxg/a", "mxg/b", "mxg/p/*"))).lastEventId(resumeFrom)))) {
            List<SseEvent> events = client.awaitEvents(3, WAIT);
            SseEvent channelGap = events.stream().filter(event -> id(event.id(), 3).source().equals("mxg/a"))
                    .findFirst().orElseThrow();
            assertThat(channelGap.event()).isEqualTo("sse-gap");
            assertThat(channelGap.data()).as("the position the client had").isEqualTo("no-such-position");
            assertThat(id(channelGap.id(), 3).positions().get(0)).as("the channel's head").isNotEqualTo("no-such-position");
            SseEvent patternGap = events.stream().filter(event -> id(event.id(), 3).source().equals("mxg/p/*"))
                    .findFirst().orElseThrow();
            assertThat(patternGap.event()).isEqualTo("sse-gap");
            assertThat(patternGap.data()).as("patterns have no position").isEmpty();
            assertThat(events).filteredOn(event -> id(event.id(), 3).source().equals("mxg/b"))
                    .extracting(SseEvent::event, SseEvent::data).containsExactly(tuple("message", "b2"));
        }
    }

    @Test
    void aUsersOwnControllerMultiplexesThroughTheOpenOfSeveralChannels() {
        try (SseTestClient client = opened(SseTestClient.connect(uri("/orders/23/everything")))) {
            String order = publisher.publish("orders/23", "shipped").id();
            publisher.publish("prices/ACME", "42");

            assertThat(client.awaitEvents(2, WAIT)).extracting(SseEvent::id, SseEvent::data).containsExactly(
                    tuple(composite("orders/23", order, ""), "shipped"),
                    tuple(composite("prices/ACME", order, ""), "42"));
        }
    }

    @Test
    void badRequestsAreAnswered400WithTheReasonAndOpenNoStream() throws Exception {
        assertRefused("/events", 400, "No channel to stream");
        assertRefused(query(""), 400, "Invalid channel name");
        assertRefused(query("mxbad/a", "mxbad/a"), 400, "'mxbad/a' is requested twice");
        assertRefused(query("mxbad/a", "mxbad/**/b"), 400, "Invalid channel pattern");
        assertRefused(query(IntStream.rangeClosed(1, 33).mapToObj(i -> "mxbad/" + i).toArray(String[]::new)), 400,
                "at most 32");
        assertRefused(Http.request(port, query("mxbad/a", "mxbad/b")).header("Last-Event-ID", "no bar"), 400,
                "it has no '|'");
        assertRefused(Http.request(port, query("mxbad/a", "mxbad/b")).header("Last-Event-ID", "|1,2,3"), 400,
                "3 positions but the stream has 2 entries");
        assertRefused(query("mxbad/a", "mxbad/b") + "&lastEventId=" + "9".repeat(CompositeEventId.maxLength(2) + 1),
                400, "Last-Event-ID is longer than");
        assertThat(hub.channels()).noneMatch(channel -> channel.startsWith("mxbad"));
    }

    @Test
    void oneRefusedEntryRefusesTheWholeStream() throws Exception {
        assertRefused(query("mxauth/open", "user/bob"), 403, "Not allowed to read channel 'user/bob'");
        for (String reachesPrivateChannels : List.of("user/*", "user/**", "*/bob", "**")) {
            assertRefused(query("mxauth/open", reachesPrivateChannels), 403,
                    "Not allowed to read channel pattern '" + reachesPrivateChannels + "'");
        }
        assertThat(hub.hasChannel("mxauth/open")).as("no partial stream").isFalse();
        assertThat(hub.patterns()).doesNotContainKeys("user/*", "user/**", "*/bob", "**");
    }

    private void assertRefused(String pathAndQuery, int status, String reason) throws Exception {
        assertRefused(Http.request(port, pathAndQuery), status, reason);
    }

    private static void assertRefused(HttpRequest.Builder request, int status, String reason) throws Exception {
        HttpResponse<String> response = Http.send(request.header("Accept", "text/event-stream").build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(reason);
    }

    static List<String> bySource(List<SseEvent> events, String source) {
        List<String> data = new ArrayList<>();
        for (SseEvent event : events) {
            if (event.id().startsWith(source + "|")) {
                data.add(event.data());
            }
        }
        return data;
    }
}
