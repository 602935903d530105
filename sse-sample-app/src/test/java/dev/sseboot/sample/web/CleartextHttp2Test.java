package dev.sseboot.sample.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as configured serves HTTP/2 without TLS too (h2c), for clients and proxies that speak
 * it: the JDK client upgrades its request and reads the ticker over HTTP/2. Browsers speak HTTP/2
 * only over TLS; {@link ClientScriptBrowserTest} runs the sample so.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ticker.interval=200ms")
class CleartextHttp2Test {

    @LocalServerPort
    private int port;

    @Test
    void theTickerStreamsOverCleartextHttp2() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<java.io.InputStream> response = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events/time"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String tick = CompletableFuture.supplyAsync(() -> lines.lines()
                    .filter(line -> line.startsWith("data: ")).findFirst().orElseThrow())
                    .get(10, TimeUnit.SECONDS);
            assertThat(tick).contains("\"text\"", "\"publishedAt\"");
        }
    }
}
