package dev.sseboot.spring;

import java.util.List;

/**
 * Published when a stream opens, for presence and auditing.
 *
 * @param channel the stream's channel; for a multiplexed stream its first entry
 * @param channels every channel and pattern the stream reads, in request order; one for a single-channel stream
 * @param user the principal name, or {@code null} for an anonymous stream
 * @param remoteAddress the client's address as the server sees it
 */
public record SseSubscribedEvent(long subscriptionId, String channel, List<String> channels, String user,
        String remoteAddress) {
}
