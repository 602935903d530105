package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.spring.SsePublisher;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server of {@link ConnectionFloodTest}, {@link StreamAdmissionTest} and
 * {@link RedisClusterFleetSoakTest}, run in a JVM of its own ({@link ServerJvm}) so that its heap
 * can be bounded and it can be killed: the starter as an application uses it, a small controller
 * that must keep answering and that publishes, and its port printed for the test to read.
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

    /**
     * Streams open, heap in use, the streams accepted at most and the maximum heap, as
     * {@code "<streams> <bytes> <max streams> <bytes>"}; and a publish, answered with the event's id.
     */
    @RestController
    static class Stats {

        private final SseHub hub;
        private final SsePublisher publisher;

        Stats(SseHub hub, SsePublisher publisher) {
            this.hub = hub;
            this.publisher = publisher;
        }

        @GetMapping("/stats")
        String stats() {
            Runtime runtime = Runtime.getRuntime();
            return hub.clientCount() + " " + (runtime.totalMemory() - runtime.freeMemory()) + " "
                    + hub.settings().maxConnections() + " " + runtime.maxMemory();
        }

        @PostMapping("/publish/{channel}")
        String publish(@PathVariable String channel, @RequestBody String data) {
            return publisher.publish(channel, data).id();
        }
    }
}
