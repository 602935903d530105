package dev.sseboot.autoconfigure.it;

import dev.sseboot.spring.SseSubscribedEvent;
import dev.sseboot.spring.SseUnsubscribedEvent;
import dev.sseboot.web.reactive.SseStreams;
import dev.sseboot.web.servlet.SseEmitters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application that uses the starter as a user would, without Spring Security. */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration"})
public class StreamTestApplication {

    /** A user's own Spring MVC endpoint that opens streams through {@link SseEmitters}. */
    @RestController
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public static class OrderEventsController {

        private final SseEmitters emitters;

        OrderEventsController(SseEmitters emitters) {
            this.emitters = emitters;
        }

        @GetMapping("/orders/{id}/events")
        SseEmitter orderEvents(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            return emitters.open("orders/" + id, request, response);
        }

        @GetMapping("/orders/{id}/everything")
        SseEmitter orderAndPrices(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            return emitters.open(List.of("orders/" + id, "prices/*"), request, response);
        }
    }

    /** The same endpoint on WebFlux, through {@link SseStreams}. */
    @RestController
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public static class ReactiveOrderEventsController {

        private final SseStreams streams;

        ReactiveOrderEventsController(SseStreams streams) {
            this.streams = streams;
        }

        @GetMapping(path = "/orders/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Mono<Void> orderEvents(@PathVariable String id, ServerWebExchange exchange) {
            return streams.open("orders/" + id, exchange);
        }

        @GetMapping(path = "/orders/{id}/everything", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Mono<Void> orderAndPrices(@PathVariable String id, ServerWebExchange exchange) {
            return streams.open(List.of("orders/" + id, "prices/*"), exchange);
        }
    }

    /** Records the presence events the starter publishes. */
    @Component
    static class PresenceRecorder {

        final List<Object> events = new CopyOnWriteArrayList<>();

        @EventListener
        void subscribed(SseSubscribedEvent event) {
            events.add(event);
        }

        @EventListener
        void unsubscribed(SseUnsubscribedEvent event) {
            events.add(event);
        }
    }
}
