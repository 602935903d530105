/**
 * The Spring-facing API: publishing, authorizing and resolving channels, and presence events.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.spring;

import org.jspecify.annotations.NullMarked;
