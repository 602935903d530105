package dev.sseboot.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsConfiguration;

import java.time.Duration;
import java.util.List;

/** The CORS rules of the stream path, the same on Spring MVC and WebFlux: cross-origin pages may only GET. */
public final class StreamCors {

    private StreamCors() {
    }

    /** The rules for these origins, or {@code null} when no origin may read streams cross-site. */
    public static @Nullable CorsConfiguration configuration(List<String> allowedOrigins, List<String> allowedHeaders,
            boolean allowCredentials, Duration maxAge) {
        if (allowedOrigins.isEmpty()) {
            return null;
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(List.of("GET"));
        cors.setAllowedHeaders(allowedHeaders);
        cors.setAllowCredentials(allowCredentials);
        cors.setMaxAge(maxAge);
        return cors;
    }
}
