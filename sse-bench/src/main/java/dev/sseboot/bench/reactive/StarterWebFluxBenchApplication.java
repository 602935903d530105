package dev.sseboot.bench.reactive;

import dev.sseboot.bench.starter.StarterBench;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The sseboot WebFlux starter under the bench protocol: its {@code /events/{channel}} endpoint on
 * Reactor Netty, fed through {@code SsePublisher} at a fixed rate, as the sample app's bench profile
 * does on Spring MVC. Takes the reference servers' {@code --port=P --rate=R}.
 */
@SpringBootApplication
@Import(StarterBench.class)
public class StarterWebFluxBenchApplication {

    public static void main(String[] args) {
        StarterBench.run(StarterWebFluxBenchApplication.class, WebApplicationType.REACTIVE, args);
    }
}
