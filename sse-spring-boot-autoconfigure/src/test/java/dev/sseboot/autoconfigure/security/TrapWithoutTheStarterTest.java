package dev.sseboot.autoconfigure.security;

import dev.sseboot.autoconfigure.WebServers;
import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application without {@link SseSecurityAutoConfiguration}: the async dispatch that ends a
 * stream is denied on a committed response. Shows that the trap is real and what the starter fixes.
 */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.autoconfigure.exclude=dev.sseboot.autoconfigure.security.SseSecurityAutoConfiguration,"
                + WebServers.DEFAULT_EXCLUDES)
@ExtendWith(OutputCaptureExtension.class)
class TrapWithoutTheStarterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SseHub hub;

    @Test
    void withoutTheAutoConfigurationTheEndOfAStreamIsDenied(CapturedOutput output) throws Exception {
        try (SseTestClient client = SseTestClient.connect(SseClient.builder(
                URI.create("http://localhost:" + port + "/events/tokens")).header("X-Token", "user:carol")
                .reconnectDelay(Duration.ofSeconds(30)))) {
            client.awaitOpen(WAIT);
            hub.closeChannel("tokens");

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!output.getOut().contains("already committed")) {
                assertThat(System.nanoTime()).as("the denied async dispatch").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }
}
