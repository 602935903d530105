package dev.sseboot.spring;

/**
 * Decides whether a request may read a channel; a refusal answers 403. The default lets anybody
 * read every channel except private user channels ({@code sse.user-channel-prefix}), which only
 * their own user may read. One bean serves Spring MVC and WebFlux alike.
 *
 * <p>For a stream of several channels ({@code GET {sse.path}?channel=a&channel=b}) it is asked once
 * per entry, and one refusal refuses the whole stream. An entry may be a pattern
 * ({@code prices/*}, {@code prices/**}; {@code ChannelPatterns.isPattern} tells): it is passed as the
 * pattern itself, and should be allowed only when every channel it can match may be read, since the
 * stream gets the events of channels that do not exist yet too ({@code ChannelPatterns.matches}
 * tests one channel).
 */
@FunctionalInterface
public interface SseSubscriptionAuthorizer {

    /**
     * @param channel the channel, or a pattern of a multiplexed stream
     * @param request the stream request; {@link SseStreamRequest#principal()} is the authenticated user
     *     (Spring Security's {@code Authentication} when present), {@code null} when anonymous
     */
    boolean isAllowed(String channel, SseStreamRequest request);
}
