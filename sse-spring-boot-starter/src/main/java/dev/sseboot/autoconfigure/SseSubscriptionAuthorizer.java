package dev.sseboot.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;

/**
 * Decides whether a request may read a channel; a refusal answers 403. The default lets anybody
 * read every channel except private user channels ({@code sse.user-channel-prefix}), which only
 * their own user may read.
 */
@FunctionalInterface
public interface SseSubscriptionAuthorizer {

    /**
     * @param principal the authenticated user (Spring Security's {@code Authentication} when present),
     *     or {@code null} for an anonymous request
     */
    boolean isAllowed(String channel, Principal principal, HttpServletRequest request);
}
