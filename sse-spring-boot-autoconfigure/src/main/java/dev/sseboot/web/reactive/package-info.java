/**
 * Streams on Spring WebFlux: the endpoint, {@code SseStreams} and the response sink.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.web.reactive;

import org.jspecify.annotations.NullMarked;
