/**
 * The browser client script ({@code SseBoot.connect}): one JavaScript file in this jar, served with
 * caching headers by Spring MVC and WebFlux alike.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.clientscript;

import org.jspecify.annotations.NullMarked;
