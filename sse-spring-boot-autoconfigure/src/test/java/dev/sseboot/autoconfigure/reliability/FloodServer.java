package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.core.hub.SseHub;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server of {@link ConnectionFloodTest}, run in a JVM of its own so that its heap can be
 * bounded: the starter as an application uses it, a small controller that must keep answering,
 * and its port printed for the test to read.
 */
@SpringBootConfiguration
@Import({ReliabilityTestApplication.class, FloodServer.Stats.class})
public class FloodServer {

    static final String PORT_LINE = "FLOOD-SERVER-PORT=";

    public static void main(String[] args) {
        SpringApplication.run(FloodServer.class, args);
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> portAnnouncer() {
        return event -> System.out.println(PORT_LINE + event.getWebServer().getPort());
    }

    /** Streams open and heap in use, as {@code "<streams> <bytes>"}. */
    @RestController
    static class Stats {

        private final SseHub hub;

        Stats(SseHub hub) {
            this.hub = hub;
        }

        @GetMapping("/stats")
        String stats() {
            Runtime runtime = Runtime.getRuntime();
            return hub.clientCount() + " " + (runtime.totalMemory() - runtime.freeMemory());
        }
    }
}
