package dev.sseboot.web.reactive;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.web.BrokerOutages;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * Answers an {@link SseBrokerException} that escapes a WebFlux handler with
 * {@code 503 Service Unavailable}, {@code Retry-After} and a problem detail, as the Spring MVC
 * advice does. A {@link WebExceptionHandler} rather than a {@code @ControllerAdvice}, so functional
 * endpoints are covered too. It runs after the application's own {@code @ExceptionHandler}s (those
 * act inside the dispatcher) and just before Boot's error handler, which would answer 500 and log
 * a stack trace per request.
 */
public class SseBrokerExceptionHandler implements WebExceptionHandler, Ordered {

    /** Just before Boot's {@code ErrorWebExceptionHandler} (-1). */
    public static final int ORDER = -2;

    private static final byte[] BODY = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
            + "\"detail\":\"The event broker is unavailable; try again later\"}").getBytes(StandardCharsets.UTF_8);

    private final BrokerOutages outages;

    public SseBrokerExceptionHandler(BrokerOutages outages) {
        this.outages = outages;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (!(failure instanceof SseBrokerException exception) || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        outages.refused(exception);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(outages.retryAfterSeconds()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(BODY);
        return response.writeWith(Mono.just(body));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
