/**
 * Streams on Spring MVC: the endpoint, {@code SseEmitters} and the emitter sink.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.web.servlet;

import org.jspecify.annotations.NullMarked;
