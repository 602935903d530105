/**
 * The broker SPI that carries messages to every hub and serves replay reads, and the in-memory
 * broker for a single JVM.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.core.broker;

import org.jspecify.annotations.NullMarked;
