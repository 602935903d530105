package dev.sseboot.token;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.GenericFilterBean;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the stream token of a Spring MVC request and hides it from everything after this filter.
 * A request with a token that is refused gets 401 and goes no further; a request with a valid
 * token goes on with the verified {@link StreamToken} in the {@link StreamToken#ATTRIBUTE} attribute
 * and without the token in its query string and parameters, so neither Spring Security,
 * {@code DispatcherServlet}, a {@code CommonsRequestLoggingFilter} nor the application ever see
 * (and log) it. Requests without a token pass untouched.
 */
public class StreamTokenFilter extends GenericFilterBean {

    private static final Logger log = LoggerFactory.getLogger(StreamTokenFilter.class);

    private final SseTokens tokens;

    public StreamTokenFilter(SseTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            // Verified once, when the request arrived: the dispatches that follow (the ASYNC one that
            // ends a stream, an ERROR one) may come after the token expired, and only need it hidden.
            // Always hidden there, because an ERROR dispatch has the error page's query string but
            // still the original request's parameters and query string attributes.
            chain.doFilter(new WithoutToken(request), servletResponse);
            return;
        }
        List<String> found = TokenQuery.tokens(request.getQueryString());
        if (found.isEmpty()) {
            chain.doFilter(request, servletResponse);
            return;
        }
        try {
            request.setAttribute(StreamToken.ATTRIBUTE, verify(found, request));
        } catch (InvalidStreamTokenException e) {
            refuse((HttpServletResponse) servletResponse, e);
            return;
        }
        chain.doFilter(new WithoutToken(request), servletResponse);
    }

    private StreamToken verify(List<String> found, HttpServletRequest request) throws InvalidStreamTokenException {
        if (found.size() > 1) {
            throw new InvalidStreamTokenException("A request may carry one stream token");
        }
        String pathInfo = request.getPathInfo();
        return tokens.verify(found.get(0), request.getServletPath() + (pathInfo == null ? "" : pathInfo));
    }

    private static void refuse(HttpServletResponse response, InvalidStreamTokenException refusal) throws IOException {
        log.debug("Refused stream token with 401: {}", refusal.getMessage());
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(refusal.getMessage() + "\n");
        response.flushBuffer();
    }

    /** The request as it would be without the token parameter. */
    private static final class WithoutToken extends HttpServletRequestWrapper {

        /** Where a container keeps the original query string in forwarded, included, async and error dispatches. */
        private static final Set<String> QUERY_STRING_ATTRIBUTES = Set.of(RequestDispatcher.FORWARD_QUERY_STRING,
                RequestDispatcher.INCLUDE_QUERY_STRING, RequestDispatcher.ERROR_QUERY_STRING,
                AsyncContext.ASYNC_QUERY_STRING);

        WithoutToken(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getQueryString() {
            return TokenQuery.without(super.getQueryString());
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            Object value = super.getAttribute(name);
            return QUERY_STRING_ATTRIBUTES.contains(name) && value instanceof String query ? TokenQuery.without(query) : value;
        }

        @Override
        public @Nullable String getParameter(String name) {
            return SseTokens.PARAMETER.equals(name) ? null : super.getParameter(name);
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            return SseTokens.PARAMETER.equals(name) ? null : super.getParameterValues(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
            parameters.remove(SseTokens.PARAMETER);
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }
    }
}
