/**
 * Testing applications that serve Server-Sent Events
 * ({@link dev.sseboot.test.SseTestClient}).
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.test;

import org.jspecify.annotations.NullMarked;
