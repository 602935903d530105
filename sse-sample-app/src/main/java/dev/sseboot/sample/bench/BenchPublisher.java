package dev.sseboot.sample.bench;

import dev.sseboot.spring.SsePublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The server side of the benchmark protocol: publishes {@code <sequence> <epoch-nanos at publish>}
 * at a fixed rate, sequence from 0, so the bench tool can count gaps and duplicates and measure
 * latency. With several channels ({@code sample.bench.channels}) the events go to each in turn and
 * each channel counts its own sequence. A fixed-rate task that falls behind runs back to back, so
 * the rate holds on average.
 */
@Component
@Profile("bench")
@EnableConfigurationProperties(BenchProperties.class)
public class BenchPublisher implements SchedulingConfigurer {

    private final SsePublisher publisher;
    private final BenchProperties properties;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLongArray sequences;

    public BenchPublisher(SsePublisher publisher, BenchProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
        this.sequences = new AtomicLongArray(properties.channels());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedRateTask(this::publishNext, properties.period());
    }

    private void publishNext() {
        int index = (int) (published.getAndIncrement() % properties.channels());
        publisher.publish(properties.channel(index), data(sequences.getAndIncrement(index), Instant.now()));
    }

    static String data(long sequence, Instant publishedAt) {
        long epochNanos = publishedAt.getEpochSecond() * 1_000_000_000L + publishedAt.getNano();
        return sequence + " " + epochNanos;
    }
}
