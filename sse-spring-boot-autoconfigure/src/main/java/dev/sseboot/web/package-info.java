/**
 * What both web stacks share: the rules of opening a stream, CORS, compression and shutdown.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.web;

import org.jspecify.annotations.NullMarked;
