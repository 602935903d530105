package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.test.SseTestClient;
import dev.sseboot.token.SseTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream tokens over real HTTP: a page's user mints one, an anonymous {@code EventSource} opens its
 * stream with it (and reconnects with the same URL), and every other use is refused with 401 before
 * a stream opens. With every request logger Spring and the web server offer switched on, no token
 * appears in any log.
 */
@SpringBootTest(classes = TokenTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "sse.tokens.secret=" + StreamTokenTest.SECRET,
                "sse.heartbeat=300ms",
                "logging.level.dev.sseboot=DEBUG",
                "logging.level.org.springframework.web=DEBUG",
                "logging.level.org.springframework.http=DEBUG",
                "logging.level.org.springframework.security=DEBUG",
                "spring.mvc.log-request-details=true",
                "spring.codec.log-request-details=true",
                "server.tomcat.basedir=" + StreamTokenTest.TOMCAT_BASEDIR,
                "server.tomcat.accesslog.enabled=true",
                "server.tomcat.accesslog.buffered=false"})
@ExtendWith(OutputCaptureExtension.class)
abstract class StreamTokenTest {

    static final String SECRET = "t0ken-secret-for-the-stream-token-test";
    static final String TOMCAT_BASEDIR = "target/stream-token-test-tomcat";
    private static final String OTHER_SECRET = "an0ther-secret-that-nobody-here-trusts";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Autowired
    SseTokens tokens;

    /** Log levels outlive the context: later test classes must not run at DEBUG. */
    @AfterAll
    static void resetLogLevels() {
        LoggingSystem logging = LoggingSystem.get(StreamTokenTest.class.getClassLoader());
        for (String logger : List.of("dev.sseboot", "org.springframework.web", "org.springframework.http",
                "org.springframework.security")) {
            logging.setLogLevel(logger, null);
        }
    }

    @AfterEach
    void everyStreamEnded() {
        Await.until("every stream to end", WAIT, () -> hub.clientCount() == 0, () -> hub.channels());
    }

    @Test
    void aTokenOpensTheStreamAsItsUserAndServesTheReconnectionsOfTheSameUrl() throws Exception {
        String token = mintAs("alice", "user/alice");

        // No Authorization header, no cookie: what an EventSource on another origin has.
        try (SseTestClient alice = SseTestClient.connect(URI.create(url("/events/user/alice?sse_token=" + token)))) {
            alice.awaitOpen(WAIT);
            publisher.publishToUser("alice", "one");
            assertThat(alice.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("one");

            hub.closeChannel("user/alice");
            alice.awaitOpens(2, WAIT);
            publisher.publishToUser("alice", "two");
            assertThat(alice.awaitEvents(2, WAIT)).extracting(SseEvent::data).containsExactly("one", "two");
        }
    }

    @Test
    void everyOtherUseOfATokenIsRefusedWith401AndOpensNoStream() throws Exception {
        String valid = mintAs("alice", "user/alice");
        int signatureStart = valid.indexOf('.') + 1;
        String expired = tokens.mint("alice", List.of("user/alice"), "/events", Duration.ofMillis(1));
        Thread.sleep(5);

        assertRefused("/events/user/alice?sse_token=" + expired, "expired");
        assertRefused("/events/user/alice?sse_token=" + flip(valid, 3), "signature");
        assertRefused("/events/user/alice?sse_token=" + flip(valid, signatureStart + 3), "signature");
        assertRefused("/events/user/alice?sse_token="
                + new SseTokens(OTHER_SECRET, List.of(), Duration.ofMinutes(1), "/events").mint("alice", List.of("user/alice")),
                "signature");
        assertRefused("/events/news?sse_token=" + valid, "does not cover channel 'news'");
        assertRefused("/events/user/alice?sse_token=" + mintAs("alice", "news"), "does not cover");
        assertRefused("/events/user/alice?sse_token=" + valid + "&sse_token=" + valid, "one stream token");
        assertRefused("/hello?sse_token=" + valid, "not for this path");
        assertRefused("/orders/42/events?sse_token=" + valid, "not for this path");
        assertThat(StreamRead.send(StreamRead.request(port, "/hello").build()).body()).isEqualTo("hello");

        assertThat(hub.channels()).as("channels opened by refused requests").isEmpty();
        // A refusal is final for an EventSource: it does not come back with the same URL.
        try (SseTestClient refused = SseTestClient.connect(URI.create(url("/events/user/alice?sse_token=" + expired)))) {
            refused.awaitClosed(WAIT);
            assertThat(refused.opens()).isZero();
        }
    }

    @Test
    void aMultiplexedStreamOpensOnlyWhenTheTokenCoversEveryEntry() throws Exception {
        String token = mintAs("alice", "news", "prices/**", "user/alice");

        try (SseTestClient client = SseTestClient.connect(URI.create(url(
                "/events?channel=news&channel=prices%2F*&channel=user%2Falice&sse_token=" + token)))) {
            client.awaitOpen(WAIT);
            Await.until("the stream to join its channels", WAIT, () -> hub.subscriberCount("user/alice") == 1);
            publisher.publish("prices/ACME", "42");
            publisher.publishToUser("alice", "for alice");
            assertThat(client.awaitEvents(2, WAIT)).extracting(SseEvent::data).containsExactly("42", "for alice");
        }
        assertRefused("/events?channel=news&channel=sports&sse_token=" + token, "does not cover channel 'sports'");
        assertRefused("/events?channel=news&channel=*%2FACME&sse_token=" + token,
                "does not cover channel pattern '*/ACME'");
        assertRefused("/events?channel=news&channel=**&sse_token=" + token, "does not cover channel pattern '**'");
        // Covered by the token, refused by the authorizer: a pattern that reaches other users' channels.
        assertThat(knock("/events?channel=user%2F*&sse_token=" + tokens.mint("alice", List.of("user/**"))))
                .isEqualTo(403);
    }

    @Test
    void theTokensUserIsThePrincipalTheAuthorizerSees() throws Exception {
        String anonymous = tokens.mint(null, List.of("news", "user/alice"));

        try (RawStream news = RawStream.get(port, "/events/news?sse_token=" + anonymous, 0)) {
            news.readUntil("retry:", WAIT);
            assertThat(news.status()).isEqualTo(200);
        }
        // Covered by the token, refused by the authorizer: an anonymous reader may not read alice's channel.
        assertThat(knock("/events/user/alice?sse_token=" + anonymous)).isEqualTo(403);
        // The token decides who reads, not the credentials next to it.
        assertThat(knock("/events/user/alice?sse_token=" + mintAs("bob", "user/alice"),
                "Authorization", StreamSecurityTest.basic("alice"))).isEqualTo(403);
    }

    @Test
    void aTokenMintedForAnApplicationsOwnStreamsOpensThemThereOnly() throws Exception {
        String orders = tokens.mint("alice", List.of("orders/**"), "/orders", Duration.ofMinutes(1));

        try (SseTestClient client = SseTestClient.connect(URI.create(url("/orders/42/events?sse_token=" + orders)))) {
            client.awaitOpen(WAIT);
            publisher.publish("orders/42", "shipped");
            assertThat(client.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("shipped");
        }
        assertRefused("/events/orders/42?sse_token=" + orders, "not for this path");
        assertRefused("/orders/42/events?sse_token=" + tokens.mint("alice", List.of("orders/42")), "not for this path");
    }

    @Test
    void noTokenEverReachesALog(CapturedOutput output) throws Exception {
        List<String> used = new ArrayList<>();
        String news = use(used, tokens.mint("alice", List.of("news", "user/alice")));
        try (RawStream open = RawStream.get(port, "/events/news?lastEventId=unknown&sse_token=" + news, 0)) {
            open.readUntil("retry:", WAIT);
            assertThat(knock("/events/bad%20name?sse_token=" + news)).isEqualTo(400);
            assertThat(knock("/events/other?lastEventId=7&sse_token=" + news)).isEqualTo(401);
            assertThat(knock("/events/news?sse_token=" + use(used, flip(news, 2)))).isEqualTo(401);
            assertThat(knock("/hello?sse_token=" + news)).isEqualTo(401);
            assertThat(StreamRead.send(StreamRead.request(port, "/events/news?sse_token=" + news)
                    .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString("x")).build())
                    .statusCode()).isEqualTo(405);
            try (RawStream closedByServer = RawStream.get(port, "/events/user/alice?sse_token=" + news, 0)) {
                closedByServer.readUntil("retry:", WAIT);
                hub.closeChannel("user/alice");
                Await.until("alice's stream to be closed by the server", WAIT, () -> !hub.hasChannel("user/alice"));
            }
            publisher.publish("news", "an event");
            open.readUntil("an event", WAIT);
            open.abort();
        }
        Await.until("every stream to end", WAIT, () -> hub.clientCount() == 0);

        String logs = output.getOut() + output.getErr() + accessLog();
        assertThat(logs).as("the request loggers were on, and logged the rest of the query")
                .contains(requestLogLines("/events/other?lastEventId=7"));
        for (String token : used) {
            assertThat(logs).as("the logs").doesNotContain(token).doesNotContain(token.substring(0, token.indexOf('.')))
                    .doesNotContain(token.substring(token.indexOf('.') + 1));
        }
    }

    /** What the web server's access log wrote (Tomcat's file; Reactor Netty's goes to the captured output). */
    abstract String accessLog() throws IOException;

    /** What each request logger of the stack writes for a GET of this path and query. */
    abstract List<String> requestLogLines(String pathAndQuery);

    static String tomcatAccessLog() throws IOException {
        Path logs = Path.of(TOMCAT_BASEDIR, "logs");
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private static String use(List<String> used, String token) {
        used.add(token);
        return token;
    }

    /** The token with one character replaced by another of the base64url alphabet. */
    private static String flip(String token, int index) {
        char flipped = token.charAt(index) == 'A' ? 'B' : 'A';
        return token.substring(0, index) + flipped + token.substring(index + 1);
    }

    /** Mints a token the way a page does: its signed-in user asks the application for one. */
    private String mintAs(String user, String... channels) throws Exception {
        HttpResponse<String> response = StreamRead.send(StreamRead.request(port, "/stream-token?channel="
                        + String.join("&channel=", channels))
                .header("Authorization", StreamSecurityTest.basic(user)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private void assertRefused(String pathAndQuery, String reason) throws Exception {
        HttpResponse<String> response = StreamRead.send(StreamRead.request(port, pathAndQuery)
                .header("Accept", "text/event-stream").build());
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(401);
        assertThat(response.body()).as(pathAndQuery).contains(reason);
    }

    /** Opens a stream, returns its status, and closes it. */
    private int knock(String pathAndQuery, String... header) throws Exception {
        HttpRequest.Builder request = StreamRead.request(port, pathAndQuery).header("Accept", "text/event-stream");
        if (header.length > 0) {
            request.header(header[0], header[1]);
        }
        HttpResponse<InputStream> response = StreamRead.open(request.build());
        response.body().close();
        return response.statusCode();
    }

    private String url(String pathAndQuery) {
        return "http://localhost:" + port + pathAndQuery;
    }
}
