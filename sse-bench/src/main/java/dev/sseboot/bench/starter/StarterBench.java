package dev.sseboot.bench.starter;

import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.bench.protocol.EpochNanos;
import dev.sseboot.bench.protocol.ServerArgs;
import dev.sseboot.spring.SsePublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the bench applications of the sseboot starters share, beside the sample app's bench profile:
 * the starter's own {@code /events/{channel}} endpoint, fed through {@link SsePublisher} at the rate
 * of the reference servers' {@code --port=P --rate=R}. An application imports this configuration
 * and starts with {@link #run}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class StarterBench {

    /** Starts {@code application} as a web application of the given type on loopback, publishing at the rate. */
    public static void run(Class<?> application, WebApplicationType type, String... args) {
        ServerArgs arguments = ServerArgs.parse(args);
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(type);
        spring.setDefaultProperties(Map.of(
                "server.port", arguments.port(),
                "server.address", "127.0.0.1",
                "bench.period-nanos", arguments.periodNanos(),
                "spring.main.banner-mode", "off"));
        spring.run();
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
