package dev.sseboot.core.presence;

import org.jspecify.annotations.Nullable;

/**
 * A user's streams on a channel changed on one instance.
 *
 * <p>Locally every stream that opens or closes is one change. A fleet implementation may report a
 * quick succession of them as one, so count changes, not streams: {@link #streams()} is what to
 * trust. When an instance leaves or is lost, each user it held on a channel gets one change.
 *
 * @param user the principal name, or {@code null} for anonymous streams and for users the
 *     principal cap leaves unnamed
 * @param instance the id of the instance the streams are on
 * @param streams the channel's streams on every instance after the change
 */
public record PresenceChange(String channel, @Nullable String user, String instance, int streams) {
}
