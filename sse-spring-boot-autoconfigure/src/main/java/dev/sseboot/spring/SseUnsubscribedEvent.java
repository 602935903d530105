package dev.sseboot.spring;

import dev.sseboot.core.hub.CloseReason;

/**
 * Published when a stream ends, whatever ended it.
 *
 * @param user the principal name, or {@code null} for an anonymous stream
 * @param remoteAddress the client's address as the server sees it
 */
public record SseUnsubscribedEvent(long subscriptionId, String channel, String user, String remoteAddress,
        CloseReason reason) {
}
