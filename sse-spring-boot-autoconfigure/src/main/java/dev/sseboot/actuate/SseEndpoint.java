package dev.sseboot.actuate;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.presence.InstancePresence;
import dev.sseboot.core.presence.SsePresence;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The {@code sse} actuator endpoint: this instance's channels, their subscribers and queue depths,
 * the patterns of multiplexed streams, and beside them the fleet as presence sees it (every
 * instance alive, every channel with streams anywhere and its streams; with the in-memory broker
 * the fleet is this instance). A multiplexed stream counts once in {@code clients}, and under each
 * of its entries: in {@code channels} for each channel it names (a channel's subscribers include
 * the streams that get it through a pattern), in {@code patterns} for each pattern.
 */
@Endpoint(id = "sse")
public class SseEndpoint {

    private final SseHub hub;
    private final SsePresence presence;

    public SseEndpoint(SseHub hub, SsePresence presence) {
        this.hub = hub;
        this.presence = presence;
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
        return new Report(hub.clientCount(), hub.broker().isAvailable(), channels, patterns, fleet());
    }

    private FleetReport fleet() {
        try {
            List<InstancePresence> instances = presence.instances();
            SortedMap<String, Integer> channels = presence.channels();
            return new FleetReport(true, null, presence.instanceId(),
                    channels.values().stream().mapToInt(Integer::intValue).sum(), instances,
                    channels.entrySet().stream().map(entry -> new FleetChannelReport(entry.getKey(), entry.getValue()))
                            .toList());
        } catch (SseBrokerException e) {
            return new FleetReport(false, e.getMessage(), presence.instanceId(), 0, List.of(), List.of());
        }
    }

    /** The whole hub, and the fleet. */
    public record Report(int clients, boolean brokerAvailable, List<ChannelReport> channels,
            List<PatternReport> patterns, FleetReport fleet) {
    }

    /** One channel with streams on this instance. */
    public record ChannelReport(String name, int subscribers, int queuedFrames) {
    }

    /** One pattern that multiplexed streams on this instance subscribed to. */
    public record PatternReport(String pattern, int subscribers, int queuedFrames) {
    }

    /**
     * Every instance that shares the broker, as presence sees it.
     *
     * @param available whether presence could be read (with Redis: whether Redis answered)
     * @param error why it could not, or {@code null}
     * @param instance this instance's id among {@code instances}
     * @param streams the streams of every instance together
     */
    public record FleetReport(boolean available, @Nullable String error, String instance, int streams,
            List<InstancePresence> instances, List<FleetChannelReport> channels) {
    }

    /** One channel with streams on any instance. */
    public record FleetChannelReport(String name, int streams) {
    }
}
