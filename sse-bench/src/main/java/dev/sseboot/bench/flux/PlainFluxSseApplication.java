package dev.sseboot.bench.flux;

import dev.sseboot.bench.protocol.ServerArgs;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/**
 * The plain WebFlux baseline: what a WebFlux application does without sseboot, a
 * {@code Flux<ServerSentEvent>} per stream fed by one multicast sink (see
 * {@link PlainFluxSseController}), on Reactor Netty. Takes the reference servers'
 * {@code --port=P --rate=R}.
 */
@SpringBootApplication
@EnableScheduling
public class PlainFluxSseApplication {

    public static void main(String[] args) {
        ServerArgs arguments = ServerArgs.parse(args);
        SpringApplication application = new SpringApplication(PlainFluxSseApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        application.setDefaultProperties(Map.of(
                "server.port", arguments.port(),
                "server.address", "127.0.0.1",
                // Its streams never end on their own; the bench stops a server after each run.
                "server.shutdown", "immediate",
                "flux.period-micros", arguments.periodNanos() / 1000,
                "spring.main.banner-mode", "off"));
        application.run();
    }
}
