package dev.sseboot.sample.ticker;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.sample.PublishedText;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Publishes the current time to one channel at a fixed rate, like the Go libraries' examples, so a
 * fresh page has something to show.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.ticker.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TickerProperties.class)
public class Ticker implements SchedulingConfigurer {

    private final SsePublisher publisher;
    private final TickerProperties properties;

    public Ticker(SsePublisher publisher, TickerProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedRateTask(this::tick, properties.interval());
    }

    private void tick() {
        Instant now = Instant.now();
        publisher.publish(properties.channel(),
                new PublishedText(now.truncatedTo(ChronoUnit.SECONDS).toString(), now.toEpochMilli()));
    }
}
