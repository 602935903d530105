/**
 * Fleet-wide presence through Redis ({@link dev.sseboot.redis.presence.RedisSsePresence}): every
 * instance's streams by channel and user, instance membership by heartbeat, and presence changes on
 * a pub/sub topic.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.redis.presence;

import org.jspecify.annotations.NullMarked;
