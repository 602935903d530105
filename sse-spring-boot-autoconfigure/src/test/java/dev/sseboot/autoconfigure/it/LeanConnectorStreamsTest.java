package dev.sseboot.autoconfigure.it;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.test.SseTestClient;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.web.tomcat.LeanHttp11Protocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat with {@code sse.tomcat.lean-connector=true}: streams carry events far larger than every
 * shrunk buffer, and ordinary requests and responses larger than them pass whole.
 */
@SpringBootTest(classes = {StreamTestApplication.class, LeanConnectorStreamsTest.LargeAnswer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sse.tomcat.lean-connector=true", "sse.max-event-size=256KB"})
class LeanConnectorStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LARGE = "x".repeat(100 * 1024);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theConnectorIsTheLeanOne() {
        assertThat(((TomcatWebServer) context.getWebServer()).getTomcat().getConnector().getProtocolHandler())
                .isInstanceOf(LeanHttp11Protocol.class);
    }

    @Test
    void aStreamCarriesEventsLargerThanEveryBufferBesideSmallOnes() {
        try (SseTestClient client = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/lean"))) {
            client.awaitOpen(WAIT);
            publisher.publish("lean", "small");
            publisher.publish("lean", LARGE);
            publisher.publish("lean", "small again");
            assertThat(client.awaitEvents(3, WAIT)).extracting(SseEvent::data).containsExactly("small", LARGE, "small again");
        }
    }

    @Test
    void anAnswerLargerThanTheResponseBufferArrivesWholeAndLargeRequestHeadersAreStillRead() throws Exception {
        HttpResponse<String> answer = Http.send(Http.request(port, "/large").header("X-Large", "y".repeat(6 * 1024))
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(LARGE);
    }

    /** An ordinary endpoint with an answer larger than the lean response buffer. */
    @RestController
    static class LargeAnswer {

        @GetMapping("/large")
        String large() {
            return LARGE;
        }
    }
}
