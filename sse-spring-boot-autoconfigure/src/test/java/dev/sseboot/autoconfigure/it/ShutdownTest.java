package dev.sseboot.autoconfigure.it;

import dev.sseboot.core.client.SseClient;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Graceful shutdown does not wait for streams that would never end on their own. */
abstract class ShutdownTest {

    /**
     * What selects the web stack under test, as command-line arguments: they outrank the test
     * classpath's application.properties, which default properties would not.
     */
    abstract String[] stack();

    private static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(StreamTestApplication.class);
    }

    @Test
    void shutdownCompletesEveryStreamWithAShortRetryWithinAboutASecond() throws Exception {
        ConfigurableApplicationContext context = application()
                .properties("server.port=0", "server.shutdown=graceful", "sse.shutdown-retry=250ms")
                .run(stack());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        List<SseTestClient> clients = new ArrayList<>();
        HttpResponse<InputStream> raw;
        try {
            for (int i = 0; i < 5; i++) {
                SseTestClient client = SseTestClient.connect(SseClient.builder(
                        URI.create("http://localhost:" + port + "/events/closing")).maxBackoff(Duration.ofSeconds(30)));
                client.awaitOpen(Duration.ofSeconds(10));
                clients.add(client);
            }
            raw = Http.open(Http.request(port, "/events/closing").header("Accept", "text/event-stream").build());
        } catch (Exception | AssertionError e) {
            context.close();
            throw e;
        }

        long start = System.nanoTime();
        context.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(Http.readUntil(raw.body(), "retry: 250\n\n", Duration.ofSeconds(5)))
                .startsWith("retry: 3000\n\n").endsWith("retry: 250\n\n");
        clients.forEach(SseTestClient::close);
    }

    @Test
    void aStoppedContextThatStartsAgainServesStreamsAgain() throws Exception {
        try (ConfigurableApplicationContext context = application()
                .properties("server.port=0").run(stack())) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<InputStream> before = Http.open(Http.request(port, "/events/restart")
                    .header("Accept", "text/event-stream").build());

            context.stop();
            assertThat(Http.readUntil(before.body(), "retry: 1000\n\n", Duration.ofSeconds(5)))
                    .endsWith("retry: 1000\n\n");
            context.start();
            int portAfterRestart = ((WebServerApplicationContext) context).getWebServer().getPort();

            try (SseTestClient client = SseTestClient.connect(
                    URI.create("http://localhost:" + portAfterRestart + "/events/restart"))) {
                client.awaitOpen(Duration.ofSeconds(10));
                context.getBean(SsePublisher.class).publish("restart", "after restart");
                assertThat(client.awaitEvents(1, Duration.ofSeconds(10)).get(0).data()).isEqualTo("after restart");
            }
        }
    }
}
