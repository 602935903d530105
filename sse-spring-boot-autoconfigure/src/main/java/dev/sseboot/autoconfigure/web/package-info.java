/**
 * What the web auto-configurations of both stacks share.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
