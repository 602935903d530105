package dev.sseboot.bench.reactive;

import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.bench.protocol.EpochNanos;
import dev.sseboot.bench.protocol.ServerArgs;
import dev.sseboot.spring.SsePublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sseboot WebFlux starter under the bench protocol: its {@code /events/{channel}} endpoint on
 * Reactor Netty, fed through {@link SsePublisher} at a fixed rate, as the sample app's bench profile
 * does on Spring MVC. Takes the reference servers' {@code --port=P --rate=R}.
 */
@SpringBootApplication
@EnableScheduling
public class StarterWebFluxBenchApplication {

    public static void main(String[] args) {
        ServerArgs arguments = ServerArgs.parse(args);
        SpringApplication application = new SpringApplication(StarterWebFluxBenchApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        application.setDefaultProperties(Map.of(
                "server.port", arguments.port(),
                "server.address", "127.0.0.1",
                "bench.period-nanos", arguments.periodNanos(),
                "spring.main.banner-mode", "off"));
        application.run();
    }

    /** A fixed-rate task that falls behind runs back to back, so the rate holds on average. */
    @Bean
    SchedulingConfigurer benchPublisher(SsePublisher publisher, @Value("${bench.period-nanos}") long periodNanos) {
        AtomicLong sequence = new AtomicLong();
        return registrar -> registrar.addFixedRateTask(
                () -> publisher.publish("bench", BenchEvent.format(sequence.getAndIncrement(), EpochNanos.now())),
                Duration.ofNanos(periodNanos));
    }
}
