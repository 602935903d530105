/**
 * Stream tokens: short-lived signed tokens that authorize an {@code EventSource} without headers.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.token;

import org.jspecify.annotations.NullMarked;
