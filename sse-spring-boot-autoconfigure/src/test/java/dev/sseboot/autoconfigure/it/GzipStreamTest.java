package dev.sseboot.autoconfigure.it;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.hub.SseHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** eventsource's gzip: compressed for clients that accept it, and every event decodable on arrival. */
@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sse.gzip=true")
abstract class GzipStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Test
    void eachEventCanBeDecompressedAsSoonAsItArrives() throws Exception {
        HttpResponse<InputStream> response = Http.open(Http.request(port, "/events/zipped")
                .header("Accept", "text/event-stream").header("Accept-Encoding", "gzip").build());
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");

        CompletableFuture<GZIPInputStream> opened = CompletableFuture.supplyAsync(() -> {
            try {
                return new GZIPInputStream(response.body(), 64);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        GZIPInputStream events = opened.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(readUntil(events, "retry: 3000\n\n")).isEqualTo("retry: 3000\n\n");

        publisher.publish("zipped", "first");
        assertThat(readUntil(events, "data: first\n\n")).endsWith("data: first\n\n");
        publisher.publish("zipped", "second");
        assertThat(readUntil(events, "data: second\n\n")).endsWith("data: second\n\n");

        hub.closeChannel("zipped");
        assertThat(readUntil(events, "\u0000end of stream")).as("the trailer ends the gzip stream cleanly").isEmpty();
    }

    @Test
    void clientsThatDoNotAcceptGzipGetPlainText() throws Exception {
        HttpResponse<InputStream> response = Http.open(Http.request(port, "/events/plain")
                .header("Accept", "text/event-stream").header("Accept-Encoding", "gzip;q=0, identity").build());

        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(Http.readUntil(response.body(), "\n\n", WAIT)).as("plain text, not gzip").startsWith("retry: 3000\n\n");
    }

    /** Reads decompressed text until it ends with {@code expected} or the stream ends; bounded by {@link #WAIT}. */
    private static String readUntil(InputStream in, String expected) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            try {
                while (!text.toString(StandardCharsets.UTF_8).endsWith(expected)) {
                    int next = in.read();
                    if (next < 0) {
                        break;
                    }
                    text.write(next);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return text.toString(StandardCharsets.UTF_8);
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
