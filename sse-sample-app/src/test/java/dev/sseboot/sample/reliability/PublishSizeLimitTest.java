package dev.sseboot.sample.reliability;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish API refuses bodies and events over {@code sse.max-event-size} (64 KB here, the
 * default) with 413, whether the body declares its length, comes chunked, or fits the body limit
 * but makes an event that does not fit.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ticker.enabled=false")
class PublishSizeLimitTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void anEventWithinTheLimitIsPublished() throws Exception {
        assertThat(send(HttpRequest.BodyPublishers.ofString(body(60_000))).statusCode()).isEqualTo(202);
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIs413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofString(body(200_000)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("larger than 66560 bytes");
    }

    @Test
    void aChunkedBodyThatOutgrowsTheLimitIs413() throws Exception {
        byte[] body = body(200_000).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aBodyWithinTheLimitWhoseEventIsTooLargeIs413NamingTheSizes() throws Exception {
        HttpResponse<String> response = send(HttpRequest.BodyPublishers.ofString(body(65_536)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("more than the maximum event size of 65536 bytes");
    }

    private static String body(int dataLength) {
        return "{\"data\": \"" + "x".repeat(dataLength) + "\"}";
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/channels/big/messages"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
