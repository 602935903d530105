package dev.sseboot.web.servlet;

import dev.sseboot.spring.SseStreamRequest;
import dev.sseboot.token.StreamToken;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpRequest;

import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;

/** A stream request on Spring MVC; with a stream token, the token's user is its principal. */
final class ServletStreamRequest implements SseStreamRequest {

    private final HttpServletRequest request;
    private @Nullable HttpHeaders headers;

    ServletStreamRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public HttpHeaders headers() {
        if (headers == null) {
            headers = HttpHeaders.readOnlyHttpHeaders(new ServletServerHttpRequest(request).getHeaders());
        }
        return headers;
    }

    @Override
    public URI uri() {
        return new ServletServerHttpRequest(request).getURI();
    }

    @Override
    public List<String> queryParameters(String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    @Override
    public @Nullable Principal principal() {
        StreamToken token = token();
        return token != null ? token.principal() : request.getUserPrincipal();
    }

    /** The stream token the request carried, as {@code StreamTokenFilter} verified it; {@code null} without one. */
    @Nullable StreamToken token() {
        return (StreamToken) request.getAttribute(StreamToken.ATTRIBUTE);
    }

    @Override
    public @Nullable String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (!type.isInstance(request)) {
            throw new IllegalArgumentException("A Spring MVC stream request is an HttpServletRequest, not a " + type.getName());
        }
        return type.cast(request);
    }
}
