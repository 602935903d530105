package dev.sseboot.sample.bench;

import dev.sseboot.core.hub.ChannelNames;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The benchmark publisher ({@code sample.bench.*}, profile {@code bench}).
 *
 * @param rate Events published per second, over all channels.
 * @param channel Channel the events are published to, which the bench tool reads.
 * @param channels Channels the events go to in turn, each with its own sequence: the channel itself
 *     when 1, else {@code {channel}/0} to {@code {channel}/{channels - 1}} (for streams of several
 *     channels).
 */
@ConfigurationProperties("sample.bench")
public record BenchProperties(@DefaultValue("10") int rate, @DefaultValue("bench") String channel,
        @DefaultValue("1") int channels) {

    /** Beyond this the period is under a microsecond, far faster than one scheduler thread can publish. */
    static final int MAX_RATE = 1_000_000;

    public BenchProperties {
        if (rate < 1 || rate > MAX_RATE) {
            throw new IllegalArgumentException("sample.bench.rate must be 1 to " + MAX_RATE + " events/s but was " + rate);
        }
        ChannelNames.requireValid(channel);
        if (channels < 1) {
            throw new IllegalArgumentException("sample.bench.channels must be at least 1 but was " + channels);
        }
    }

    /** The name of the channel with this index ({@code 0} to {@code channels - 1}). */
    public String channel(int index) {
        return channels == 1 ? channel : channel + "/" + index;
    }

    /** The time between two events. */
    public Duration period() {
        return Duration.ofNanos(1_000_000_000L / rate);
    }
}
