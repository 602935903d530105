package dev.sseboot.spring;

import org.jspecify.annotations.Nullable;

/**
 * Published on every instance when a user's streams on a channel shrank on any instance of the
 * fleet, or their instance left it (closed, or lost: killed, or cut off from Redis past
 * {@code sse.presence.expiry}); the counterpart of {@link SseFleetSubscribedEvent}.
 *
 * @param user the principal name, or {@code null} for anonymous streams and users beyond the
 *     principal cap ({@code sse.presence.max-principals})
 * @param instance the id of the instance the stream was on
 * @param streams the channel's streams on every instance after the change
 */
public record SseFleetUnsubscribedEvent(String channel, @Nullable String user, String instance, int streams) {
}
