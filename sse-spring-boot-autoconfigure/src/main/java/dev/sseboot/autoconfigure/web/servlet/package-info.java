/**
 * Auto-configuration of streams on Spring MVC.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure.web.servlet;

import org.jspecify.annotations.NullMarked;
