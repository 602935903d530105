package dev.sseboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The sseboot sample: streams at {@code /events/{channel}} (from the starter), a ticker on channel
 * {@code time}, a publish API under {@code /api/channels} and a live page at {@code /}.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
