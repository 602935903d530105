package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseParser;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Plain HTTP for what the SSE client hides: status codes, headers, and exactly what a stream carried. */
final class StreamRead {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private StreamRead() {
    }

    static HttpRequest.Builder request(int port, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
    }

    /** Sends a request whose answer is not a stream and returns it whole. */
    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a stream and returns its response once the headers are in; the body stays open. */
    static HttpResponse<InputStream> open(HttpRequest request) throws Exception {
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
    }

    /** Parses the stream as a browser would until {@code count} events arrived, then closes it. */
    static List<SseEvent> events(InputStream body, int count, Duration timeout) throws Exception {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(event -> {
            synchronized (events) {
                events.add(event);
            }
        });
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            byte[] buffer = new byte[4096];
            try {
                while (true) {
                    synchronized (events) {
                        if (events.size() >= count) {
                            return;
                        }
                    }
                    int read = body.read(buffer);
                    if (read < 0) {
                        return;
                    }
                    parser.feed(buffer, 0, read);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            synchronized (events) {
                throw new AssertionError("Waited " + timeout + " for " + count + " events; got " + events, e);
            }
        } finally {
            body.close();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
