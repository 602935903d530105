/**
 * Tomcat: a connector that keeps fewer bytes per connection ({@code sse.tomcat.lean-connector}).
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.web.tomcat;

import org.jspecify.annotations.NullMarked;
