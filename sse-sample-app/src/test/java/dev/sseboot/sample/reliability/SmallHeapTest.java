package dev.sseboot.sample.reliability;

import dev.sseboot.sample.SampleApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample in its own JVM with a 256 MB heap takes 500 publishes of 1 MB events to one channel
 * through its API (the size that used to run the heap out after 236): every one is accepted, the
 * replay history stays within {@code sse.replay.max-total-bytes}, and the JVM never runs out of
 * memory ({@code ExitOnOutOfMemoryError} would end it at the first).
 */
class SmallHeapTest {

    private static final int PUBLISHES = 500;
    private static final int EVENT_SIZE = 1024 * 1024;
    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Process server;
    private Path output;
    private Path logging;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        for (Path file : new Path[] {output, logging}) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void fiveHundredOneMegabyteEventsNeverRunA256MegabyteHeapOut() throws Exception {
        int port = start("-Xmx256m", "--sse.max-event-size=2MB");
        String body = "{\"data\": \"" + "x".repeat(EVENT_SIZE) + "\"}";
        URI uri = URI.create("http://localhost:" + port + "/api/channels/big/messages");

        long started = System.nanoTime();
        for (int i = 0; i < PUBLISHES; i++) {
            HttpResponse<String> response;
            try {
                response = HTTP.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError("publish " + i + " got no answer; the sample's last lines:\n" + lastLines(), e);
            }
            assertThat(response.statusCode()).as("publish %d: %s", i, response.body()).isEqualTo(202);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(server.isAlive()).isTrue();
        assertThat(Files.readString(output)).doesNotContain("OutOfMemoryError");
        System.out.printf("%d publishes of %d bytes to a -Xmx256m sample in %d ms%n", PUBLISHES, EVENT_SIZE,
                took.toMillis());
    }

    private String lastLines() throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** Starts the sample in a JVM of its own with these JVM options and arguments; returns its port. */
    private int start(String heap, String... arguments) throws IOException {
        output = Files.createTempFile("sample-small-heap", ".log");
        // Boot's own console logging (this module's test logging shows warnings only), for the port line.
        logging = Files.writeString(Files.createTempFile("sample-small-heap", ".xml"),
                "<configuration><include resource=\"org/springframework/boot/logging/logback/base.xml\"/></configuration>");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, heap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), SampleApplication.class.getName(),
                "--server.port=0", "--sample.ticker.enabled=false", "--spring.main.banner-mode=off",
                "--logging.config=" + logging.toUri()));
        command.addAll(List.of(arguments));
        server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int[] port = new int[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(server.isAlive()).as("the sample is running: %s", Files.readString(output)).isTrue();
            Matcher matcher = STARTED.matcher(Files.readString(output));
            if (matcher.find()) {
                port[0] = Integer.parseInt(matcher.group(1));
                return true;
            }
            return false;
        });
        return port[0];
    }
}
