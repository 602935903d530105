package dev.sseboot.web.reactive;

import dev.sseboot.spring.SseStreamRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;

/** A stream request on WebFlux; the principal is resolved beforehand, because WebFlux hands it out as a {@code Mono}. */
final class ExchangeStreamRequest implements SseStreamRequest {

    private final ServerWebExchange exchange;
    private final @Nullable Principal principal;

    ExchangeStreamRequest(ServerWebExchange exchange, @Nullable Principal principal) {
        this.exchange = exchange;
        this.principal = principal;
    }

    @Override
    public HttpHeaders headers() {
        return HttpHeaders.readOnlyHttpHeaders(exchange.getRequest().getHeaders());
    }

    @Override
    public URI uri() {
        return exchange.getRequest().getURI();
    }

    @Override
    public List<String> queryParameters(String name) {
        List<String> values = exchange.getRequest().getQueryParams().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public @Nullable Principal principal() {
        return principal;
    }

    @Override
    public @Nullable String remoteAddress() {
        InetSocketAddress address = exchange.getRequest().getRemoteAddress();
        if (address == null) {
            return null;
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (!type.isInstance(exchange)) {
            throw new IllegalArgumentException("A WebFlux stream request is a ServerWebExchange, not a " + type.getName());
        }
        return type.cast(exchange);
    }
}
