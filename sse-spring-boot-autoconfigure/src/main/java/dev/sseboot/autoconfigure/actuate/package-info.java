/**
 * Auto-configuration of the actuator endpoint and health indicator.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
