/**
 * The Redis broker: Redis Streams for replay, pub/sub for fan-out across instances
 * ({@link dev.sseboot.redis.RedisSseBroker}).
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.redis;

import org.jspecify.annotations.NullMarked;
