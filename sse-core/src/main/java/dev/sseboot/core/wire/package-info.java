/**
 * The Server-Sent Events wire format: {@link dev.sseboot.core.wire.SseMessage}, the encoder that
 * turns a message into one shared frame, and the spec-exact incremental parser.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.core.wire;

import org.jspecify.annotations.NullMarked;
