/**
 * Auto-configuration of the Spring Security integration on Spring MVC.
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
