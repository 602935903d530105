/**
 * Auto-configuration of stream tokens.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure.token;

import org.jspecify.annotations.NullMarked;
