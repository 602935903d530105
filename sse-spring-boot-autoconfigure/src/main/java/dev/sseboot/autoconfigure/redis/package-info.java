/**
 * Auto-configuration of the Redis broker and the fleet presence, and the failure analysis when the
 * broker's pieces are missing.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
