package dev.sseboot.autoconfigure.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Plain HTTP for what the SSE client hides: status codes, headers and the first bytes of a stream. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    /** Sends a request whose answer is not a stream and returns it whole. */
    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a stream and returns its response once the headers are in; the body stays open. */
    static HttpResponse<InputStream> open(HttpRequest request) throws Exception {
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
    }

    /** Reads the stream until it contains {@code expected} (or fails after the timeout) and returns what was read. */
    static String readUntil(InputStream body, String expected, Duration timeout) throws Exception {
        StringBuilder text = new StringBuilder();
        CompletableFuture<String> reading = CompletableFuture.supplyAsync(() -> {
            byte[] buffer = new byte[1024];
            try {
                while (!text.toString().contains(expected)) {
                    int read = body.read(buffer);
                    if (read < 0) {
                        break;
                    }
                    synchronized (text) {
                        text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                }
                return text.toString();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            synchronized (text) {
                throw new AssertionError("Waited " + timeout + " for '" + expected + "'; read so far: " + text, e);
            }
        } finally {
            body.close();
        }
    }
}
