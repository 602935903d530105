/**
 * Auto-configuration of streams on Spring WebFlux.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure.web.reactive;

import org.jspecify.annotations.NullMarked;
