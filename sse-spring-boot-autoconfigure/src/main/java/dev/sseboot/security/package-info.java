/**
 * Lets the ASYNC dispatch that ends a stream through Spring Security's request authorization.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.security;

import org.jspecify.annotations.NullMarked;
