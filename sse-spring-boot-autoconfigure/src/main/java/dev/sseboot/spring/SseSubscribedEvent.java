package dev.sseboot.spring;

/**
 * Published when a stream opens, for presence and auditing.
 *
 * @param user the principal name, or {@code null} for an anonymous stream
 * @param remoteAddress the client's address as the server sees it
 */
public record SseSubscribedEvent(long subscriptionId, String channel, String user, String remoteAddress) {
}
