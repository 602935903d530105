/**
 * The {@code sse} actuator endpoint and the broker's health indicator.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.actuate;

import org.jspecify.annotations.NullMarked;
