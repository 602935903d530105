package dev.sseboot.autoconfigure.it;

import dev.sseboot.spring.SsePublisher;
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

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Caps, timeouts, heartbeats and clients that misbehave, against a real server. */
@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "sse.max-connections=4",
                "sse.idle-timeout=2s",
                "sse.heartbeat=300ms",
                "sse.write-timeout=1s",
                "sse.queue-capacity=16",
                // The never-reading client is filled with 64 KB events.
                "sse.max-event-size=1MB"})
@ExtendWith(OutputCaptureExtension.class)
abstract class StreamLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Test
    void overTheCapTheServerAnswers503WithRetryAfterAndKeepsItsStreams() throws Exception {
        List<SseTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SseTestClient client = SseTestClient.connect(uri("/events/capped"));
                client.awaitOpen(WAIT);
                clients.add(client);
            }

            HttpResponse<String> refused = Http.send(Http.request(port, "/events/capped")
                    .header("Accept", "text/event-stream").build());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("3");
            publisher.publish("capped", "still served");
            for (SseTestClient client : clients) {
                assertThat(client.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("still served");
            }
        } finally {
            clients.forEach(SseTestClient::close);
            awaitCondition(() -> hub.clientCount() == 0);
        }
    }

    @Test
    void aQuietStreamGetsHeartbeatsAndIsClosedAfterTheIdleTimeout() throws Exception {
        HttpResponse<InputStream> response = Http.open(Http.request(port, "/events/idle")
                .header("Accept", "text/event-stream").build());
        long opened = System.nanoTime();

        String everything = Http.readUntil(response.body(), "\u0000never", WAIT);

        Duration lived = Duration.ofNanos(System.nanoTime() - opened);
        assertThat(everything).startsWith("retry: 3000\n\n").contains(":\n\n");
        assertThat(lived).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
    }

    @Test
    void aClientThatNeverReadsIsDroppedWithoutSlowingTheOthers(CapturedOutput output) throws Exception {
        try (Socket stalled = new Socket(); SseTestClient healthy = SseTestClient.connect(uri("/events/stall"))) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("localhost", port), 5000);
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /events/stall HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            healthy.awaitOpen(WAIT);
            awaitCondition(() -> hub.subscriberCount("stall") == 2);

            String bigPayload = "x".repeat(64 * 1024);
            long worst = 0;
            for (int i = 0; i < 60; i++) {
                long published = System.nanoTime();
                publisher.publish("stall", i + " " + bigPayload);
                healthy.awaitEvents(i + 1, WAIT);
                worst = Math.max(worst, System.nanoTime() - published);
            }

            assertThat(Duration.ofNanos(worst)).as("worst publish-to-receive of the healthy client")
                    .isLessThan(Duration.ofSeconds(2));
            awaitCondition(() -> hub.subscriberCount("stall") == 1);
        }
        assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContain("Exception");
    }

    @Test
    void clientsThatVanishAreReleasedQuietly(CapturedOutput output) throws Exception {
        for (int i = 0; i < 5; i++) {
            Socket socket = new Socket("localhost", port);
            socket.getOutputStream().write(("GET /events/vanish HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().read(new byte[256]);
            socket.setSoLinger(true, 0);
            socket.close();
        }
        for (int i = 0; i < 20 && hub.subscriberCount("vanish") > 0; i++) {
            publisher.publish("vanish", "anyone there?");
            Thread.sleep(200);
        }

        awaitCondition(() -> hub.subscriberCount("vanish") == 0);
        assertThat(output.getOut()).doesNotContain(" WARN ").doesNotContain(" ERROR ")
                .doesNotContain("Broken pipe").doesNotContain("AsyncRequestNotUsableException");
    }

    static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", WAIT).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
