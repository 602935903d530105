package dev.sseboot.sample.ticker;

import dev.sseboot.core.hub.ChannelNames;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The ticker ({@code sample.ticker.*}); {@code sample.ticker.enabled=false} turns it off.
 *
 * @param interval How often the current time is published.
 * @param channel Channel the time is published to.
 */
@ConfigurationProperties("sample.ticker")
public record TickerProperties(@DefaultValue("5s") Duration interval, @DefaultValue("time") String channel) {

    public TickerProperties {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("sample.ticker.interval must be positive but was " + interval);
        }
        ChannelNames.requireValid(channel);
    }
}
