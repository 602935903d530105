package dev.sseboot.actuate;

import dev.sseboot.core.hub.SseHub;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.List;
import java.util.Map;

/** The {@code sse} actuator endpoint: channels, their subscribers and queue depths. */
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
        return new Report(hub.clientCount(), hub.broker().isAvailable(), channels);
    }

    /** The whole hub. */
    public record Report(int clients, boolean brokerAvailable, List<ChannelReport> channels) {
    }

    /** One channel with streams on this instance. */
    public record ChannelReport(String name, int subscribers, int queuedFrames) {
    }
}
