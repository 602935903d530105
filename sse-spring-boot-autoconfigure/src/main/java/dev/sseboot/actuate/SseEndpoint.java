package dev.sseboot.actuate;

import dev.sseboot.core.hub.SseHub;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.List;
import java.util.Map;

/**
 * The {@code sse} actuator endpoint: channels, their subscribers and queue depths, and the patterns
 * of multiplexed streams. A multiplexed stream counts once in {@code clients}, and under each of its
 * entries: in {@code channels} for each channel it names (a channel's subscribers include the
 * streams that get it through a pattern), in {@code patterns} for each pattern.
 */
@Endpoint(id = "sse")
public class SseEndpoint {

    private final SseHub hub;

    public SseEndpoint(SseHub hub) {
        this.hub = hub;
    }

    @ReadOperation
    public Report report() {
        Map<String, Integer> queued = hub.queuedFrames();
        List<ChannelReport> channels = hub.channels().stream()
                .map(name -> new ChannelReport(name, hub.subscriberCount(name), queued.getOrDefault(name, 0)))
                .toList();
        Map<String, Integer> patternQueued = hub.patternQueuedFrames();
        List<PatternReport> patterns = hub.patterns().entrySet().stream()
                .map(pattern -> new PatternReport(pattern.getKey(), pattern.getValue(),
                        patternQueued.getOrDefault(pattern.getKey(), 0)))
                .toList();
        return new Report(hub.clientCount(), hub.broker().isAvailable(), channels, patterns);
    }

    /** The whole hub. */
    public record Report(int clients, boolean brokerAvailable, List<ChannelReport> channels,
            List<PatternReport> patterns) {
    }

    /** One channel with streams on this instance. */
    public record ChannelReport(String name, int subscribers, int queuedFrames) {
    }

    /** One pattern that multiplexed streams on this instance subscribed to. */
    public record PatternReport(String pattern, int subscribers, int queuedFrames) {
    }
}
