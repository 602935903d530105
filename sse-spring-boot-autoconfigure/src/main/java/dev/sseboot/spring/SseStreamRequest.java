package dev.sseboot.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import java.net.URI;
import java.security.Principal;
import java.util.List;

/**
 * A request to open a stream, as Spring MVC and WebFlux alike present it to an
 * {@link SseSubscriptionAuthorizer} or an {@link SseChannelResolver}.
 */
public interface SseStreamRequest {

    /** The request's headers (read-only). */
    HttpHeaders headers();

    /** The request's URI, with its query. */
    URI uri();

    /** Every value of a query parameter, in order; empty when the parameter is absent. */
    List<String> queryParameters(String name);

    /** The first value of a query parameter, or {@code null} when it is absent. */
    default @Nullable String queryParameter(String name) {
        List<String> values = queryParameters(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * The authenticated user (Spring Security's {@code Authentication} when present), or
     * {@code null} for an anonymous request. A request with a stream token ({@code ?sse_token=},
     * see {@code SseTokens}) has the token's user, or {@code null} for a token minted without one.
     */
    @Nullable Principal principal();

    /** The client's address as the web server sees it, or {@code null} when unknown. */
    @Nullable String remoteAddress();

    /**
     * The web stack's own request: a {@code jakarta.servlet.http.HttpServletRequest} on Spring MVC,
     * a {@code org.springframework.web.server.ServerWebExchange} on WebFlux.
     *
     * @throws IllegalArgumentException when the request is not of that type
     */
    <T> T unwrap(Class<T> type);
}
