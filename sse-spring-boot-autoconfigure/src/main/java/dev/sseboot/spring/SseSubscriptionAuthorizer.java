package dev.sseboot.spring;

/**
 * Decides whether a request may read a channel; a refusal answers 403. The default lets anybody
 * read every channel except private user channels ({@code sse.user-channel-prefix}), which only
 * their own user may read. One bean serves Spring MVC and WebFlux alike.
 */
@FunctionalInterface
public interface SseSubscriptionAuthorizer {

    /**
     * @param request the stream request; {@link SseStreamRequest#principal()} is the authenticated user
     *     (Spring Security's {@code Authentication} when present), {@code null} when anonymous
     */
    boolean isAllowed(String channel, SseStreamRequest request);
}
