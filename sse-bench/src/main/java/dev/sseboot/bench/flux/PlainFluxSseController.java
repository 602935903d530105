package dev.sseboot.bench.flux;

import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.bench.protocol.EpochNanos;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.concurrent.TimeUnit;

/**
 * The pattern of WebFlux guides, kept as users write it: one multicast sink, every stream a
 * subscriber that Spring encodes per event. Each stream buffers up to 256 events of its own (the
 * starter's default queue) and ends when that overflows, as the starter's default policy does;
 * without that buffer the sink would drop every event a stream has not yet requested, and Netty
 * requests a few at a time.
 */
@RestController
class PlainFluxSseController {

    private static final int QUEUE_CAPACITY = 256;

    private final Sinks.Many<String> events = Sinks.many().multicast().directBestEffort();
    private long sequence;

    @GetMapping(path = "/events/bench", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream() {
        return events.asFlux().onBackpressureBuffer(QUEUE_CAPACITY).map(data -> ServerSentEvent.builder(data).build());
    }

    @Scheduled(fixedRateString = "${flux.period-micros}", timeUnit = TimeUnit.MICROSECONDS)
    void publish() {
        // Only this scheduler thread emits, so the sink is never emitted to concurrently.
        events.tryEmitNext(BenchEvent.format(sequence++, EpochNanos.now()));
    }
}
