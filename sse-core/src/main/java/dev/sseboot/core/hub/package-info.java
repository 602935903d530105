/**
 * The hub: channels, fan-out without blocking publishers, per-client bounded queues, timeouts,
 * heartbeats and replay on reconnect ({@link dev.sseboot.core.hub.SseHub}).
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.core.hub;

import org.jspecify.annotations.NullMarked;
