package dev.sseboot.samples.reactive;

import dev.sseboot.core.hub.PublishResult;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.web.reactive.SseStreams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An order's events on a path of the application's own ({@code GET /orders/{id}/events}), opened
 * with {@link SseStreams}, and {@code POST /orders/{id}/status} to publish a status change to it.
 */
@RestController
class OrderController {

    private final SseStreams streams;
    private final SsePublisher publisher;

    OrderController(SseStreams streams, SsePublisher publisher) {
        this.streams = streams;
        this.publisher = publisher;
    }

    @GetMapping(path = "/orders/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> events(@PathVariable String id, ServerWebExchange exchange) {
        return streams.open("orders/" + id, exchange);
    }

    @PostMapping("/orders/{id}/status")
    PublishResult status(@PathVariable String id, @RequestBody String status) {
        return publisher.publish("orders/" + id, "status", status);
    }
}
