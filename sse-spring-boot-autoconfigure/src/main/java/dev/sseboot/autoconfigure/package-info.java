/**
 * Auto-configuration of the engine for any application, web or not, and the {@code sse.*} properties.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
