/**
 * Micrometer meters of the hub.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.metrics;

import org.jspecify.annotations.NullMarked;
