package dev.sseboot.sample.bench;

import dev.sseboot.core.hub.ChannelNames;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The benchmark publisher ({@code sample.bench.*}, profile {@code bench}).
 *
 * @param rate Events published per second.
 * @param channel Channel the events are published to, which the bench tool reads.
 */
@ConfigurationProperties("sample.bench")
public record BenchProperties(@DefaultValue("10") int rate, @DefaultValue("bench") String channel) {

    /** Beyond this the period is under a microsecond, far faster than one scheduler thread can publish. */
    static final int MAX_RATE = 1_000_000;

    public BenchProperties {
        if (rate < 1 || rate > MAX_RATE) {
            throw new IllegalArgumentException("sample.bench.rate must be 1 to " + MAX_RATE + " events/s but was " + rate);
        }
        ChannelNames.requireValid(channel);
    }

    /** The time between two events. */
    public Duration period() {
        return Duration.ofNanos(1_000_000_000L / rate);
    }
}
