package dev.sseboot.web.servlet;

import dev.sseboot.core.broker.SseBrokerException;
import dev.sseboot.web.BrokerOutages;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Answers an {@link SseBrokerException} that escapes a Spring MVC handler (annotated or functional)
 * with {@code 503 Service Unavailable} and {@code Retry-After}: the broker is away for a while, the
 * request was fine. Ordered last, so an application's own {@code @ExceptionHandler} for it, in its
 * controller or in an advice of its own, wins.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class SseBrokerExceptionHandler {

    private final BrokerOutages outages;

    public SseBrokerExceptionHandler(BrokerOutages outages) {
        this.outages = outages;
    }

    @ExceptionHandler(SseBrokerException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(SseBrokerException exception) {
        outages.refused(exception);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(outages.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        "The event broker is unavailable; try again later"));
    }
}
