package dev.sseboot.samples.reactive;

import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;

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

/** With only the WebFlux starter, streams are served by Reactor Netty, on the built-in path and the application's own. */
@SpringBootTest(webEnvironment = RANDOM_PORT)
class ReactiveStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    ReactiveWebServerApplicationContext context;

    @Test
    void theApplicationIsReactiveOnNetty() {
        assertThat(context.getWebServer()).isInstanceOf(NettyWebServer.class);
    }

    @Test
    void theBuiltInEndpointOpensWithTheConfiguredRetryAndHeaders() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("/events/orders/7")).header("Accept", "text/event-stream").timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Served-By")).hasValue("consumer-webflux");
            assertThat(body.readLine()).isEqualTo("retry: 7000");
        }
    }

    @Test
    void bothPathsOfAnOrderGetItsStatus() throws Exception {
        try (SseTestClient builtIn = SseTestClient.connect(uri("/events/orders/42"));
                SseTestClient own = SseTestClient.connect(uri("/orders/42/events"))) {
            builtIn.awaitOpen(WAIT);
            own.awaitOpen(WAIT);

            HttpResponse<String> published = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri("/orders/42/status"))
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("shipped"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(published.statusCode()).isEqualTo(200);
            assertThat(published.body()).contains("\"localStreams\":2");
            for (SseTestClient client : new SseTestClient[] {builtIn, own}) {
                assertThat(client.awaitEvents(1, WAIT)).singleElement().satisfies(event -> {
                    assertThat(event.event()).isEqualTo("status");
                    assertThat(event.data()).isEqualTo("shipped");
                });
            }
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
