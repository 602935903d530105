package dev.sseboot.samples.consumer;

import dev.sseboot.spring.SsePublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Publishes the time to channel {@code clock} as event {@code tick}, every {@code consumer.clock.interval}. */
@Component
class Clock {

    private final SsePublisher publisher;

    Clock(SsePublisher publisher) {
        this.publisher = publisher;
    }

    @Scheduled(fixedRateString = "${consumer.clock.interval}")
    void tick() {
        publisher.publish("clock", "tick", Instant.now().toString());
    }
}
