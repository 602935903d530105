/**
 * Presence: who holds streams on which channel, on this instance ({@link dev.sseboot.core.presence.LocalStreams})
 * and across every instance that shares a broker ({@link dev.sseboot.core.presence.SsePresence}).
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.core.presence;

import org.jspecify.annotations.NullMarked;
