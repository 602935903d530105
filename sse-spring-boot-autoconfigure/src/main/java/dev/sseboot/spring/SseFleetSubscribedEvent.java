package dev.sseboot.spring;

import org.jspecify.annotations.Nullable;

/**
 * Published on every instance when a user's streams on a channel grew on any instance of the
 * fleet (with the in-memory broker, this instance is the fleet). Beside {@link SseSubscribedEvent},
 * which is this instance's own stream with its subscription and address. A fleet presence may
 * report a quick succession of streams as one event: trust {@link #streams()}, not a count of events.
 *
 * @param user the principal name, or {@code null} for anonymous streams and users beyond the
 *     principal cap ({@code sse.presence.max-principals})
 * @param instance the id of the instance the stream is on
 * @param streams the channel's streams on every instance after the change
 */
public record SseFleetSubscribedEvent(String channel, @Nullable String user, String instance, int streams) {
}
