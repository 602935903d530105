/**
 * A reconnecting {@code EventSource} for Java on the JDK {@code HttpClient}
 * ({@link dev.sseboot.core.client.SseClient}).
 *
 * <p>Types are non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.sseboot.core.client;

import org.jspecify.annotations.NullMarked;
