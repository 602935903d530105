/**
 * Auto-configuration of the Micrometer meters.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
