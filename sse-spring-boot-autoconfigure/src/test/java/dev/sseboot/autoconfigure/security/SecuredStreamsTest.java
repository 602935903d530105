package dev.sseboot.autoconfigure.security;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sse.max-connections-per-user=2")
@ExtendWith(OutputCaptureExtension.class)
class SecuredStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    SseClient.Builder client(String channel, String authorization) {
        return SseClient.builder(URI.create("http://localhost:" + port + "/events/" + channel))
                .header("Authorization", authorization);
    }

    int status(String channel, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events/" + channel))
                .header("Accept", "text/event-stream").timeout(WAIT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        response.body().close();
        return response.statusCode();
    }

    @Test
    void aUserReadsTheirOwnChannelAndOnlyTheirs() throws Exception {
        try (SseTestClient alice = SseTestClient.connect(client("user/alice", basic("alice")))) {
            alice.awaitOpen(WAIT);

            assertThat(publisher.publishToUser("alice", "for alice").localStreams()).isEqualTo(1);
            publisher.publishToUser("bob", "for bob");

            assertThat(alice.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("for alice");
            assertThat(status("user/alice", basic("bob"))).isEqualTo(403);
            assertThat(status("user/alice", null)).isEqualTo(401);
            assertThat(alice.events()).extracting(SseEvent::data).containsExactly("for alice");
        }
    }

    @Test
    void theCapPerUserAnswers503() throws Exception {
        try (SseTestClient first = SseTestClient.connect(client("news", basic("bob")));
             SseTestClient second = SseTestClient.connect(client("news", basic("bob")))) {
            first.awaitOpen(WAIT);
            second.awaitOpen(WAIT);

            assertThat(status("news", basic("bob"))).isEqualTo(503);
            assertThat(status("news", basic("alice"))).isEqualTo(200);
        }
    }

    @Test
    void streamsOfAStatelessTokenEndWithoutAccessDenied(CapturedOutput output) throws Exception {
        try (SseTestClient client = SseTestClient.connect(client("tokens", "ignored").header("X-Token", "user:carol")
                .reconnectDelay(Duration.ofSeconds(30)))) {
            client.awaitOpen(WAIT);
            publisher.publish("tokens", "hello");
            client.awaitEvents(1, WAIT);

            hub.closeChannel("tokens");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (hub.hasChannel("tokens")) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(500);
        }
        assertThat(output.getOut()).doesNotContain("already committed").doesNotContain("Access Denied")
                .doesNotContain("AccessDeniedException").doesNotContain("AuthorizationDeniedException");
    }
}
