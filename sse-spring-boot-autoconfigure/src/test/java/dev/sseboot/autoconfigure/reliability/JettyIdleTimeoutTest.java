package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.spring.SsePublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jetty's connection idle timeout ({@code server.jetty.connection-idle-timeout}, 30 s by default)
 * ends a connection only while a read or a write waits on it: a stream that writes nothing for
 * several idle timeouts (no heartbeat, no probe) stays open and gets its next event. It still
 * bounds a write blocked on a client that stopped reading, as Tomcat's connection timeout does.
 */
@SpringBootTest(classes = ReliabilityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sse.heartbeat=0", "sse.disconnect-probe=0", "server.jetty.connection-idle-timeout=" + JettyIdleTimeoutTest.IDLE_TIMEOUT})
@JettyStack
class JettyIdleTimeoutTest {

    /**
     * Long enough that a loaded machine writes the stream's opening within it (a connection whose
     * request has not been answered yet is one Jetty waits on), short enough to outlive five times.
     */
    static final String IDLE_TIMEOUT = "1s";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SseHub hub;

    @Autowired
    SsePublisher publisher;

    @Test
    void aStreamQuietForSeveralIdleTimeoutsStaysOpenAndGetsItsNextEvent() throws Exception {
        try (RawStream stream = RawStream.get(port, "/events/quiet", 0)) {
            stream.readUntil("retry:", WAIT);
            Thread.sleep(Duration.ofSeconds(5).toMillis());
            assertThat(hub.subscriberCount("quiet")).isEqualTo(1);
            publisher.publish("quiet", "after five idle timeouts");
            assertThat(stream.readUntil("data: after five idle timeouts", WAIT)).contains("data: after five idle timeouts");
        }
    }
}
