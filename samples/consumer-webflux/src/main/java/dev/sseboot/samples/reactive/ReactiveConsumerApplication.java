package dev.sseboot.samples.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Streams on Reactor Netty: an order's status changes, on the built-in {@code /events/orders/{id}}
 * and on a handler of the application's own at {@code /orders/{id}/events}.
 */
@SpringBootApplication
public class ReactiveConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReactiveConsumerApplication.class, args);
    }
}
