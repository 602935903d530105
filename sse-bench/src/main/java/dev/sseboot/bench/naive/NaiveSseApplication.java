package dev.sseboot.bench.naive;

import dev.sseboot.bench.protocol.ServerArgs;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/**
 * The naive baseline: what an application does without the starter, a list of {@code SseEmitter}s
 * and a scheduled loop that sends each event to each of them (see {@link NaiveSseController}).
 * Takes the reference servers' {@code --port=P --rate=R}.
 */
@SpringBootApplication
@EnableScheduling
public class NaiveSseApplication {

    public static void main(String[] args) {
        ServerArgs arguments = ServerArgs.parse(args);
        SpringApplication application = new SpringApplication(NaiveSseApplication.class);
        application.setDefaultProperties(Map.of(
                "server.port", arguments.port(),
                "server.address", "127.0.0.1",
                // The connector settings run.sh gives the starter, so both Tomcats differ only in how they stream:
                // Tomcat's default of 8,192 connections would queue streams past it, and its accept queue of
                // 100 would turn a connect storm into SYN retries.
                "server.tomcat.max-connections", 20_000,
                "server.tomcat.accept-count", 1_000,
                // Its streams never end on their own, so a graceful shutdown would only wait out its timeout
                // (the starter completes its streams when it stops); the bench stops a server after each run.
                "server.shutdown", "immediate",
                "naive.period-micros", arguments.periodNanos() / 1000,
                "spring.main.banner-mode", "off"));
        application.run();
    }
}
