package dev.sseboot.bench.naive;

import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.bench.protocol.EpochNanos;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The hand-written pattern found in tutorials and applications, kept as users write it: every
 * event is built and sent per emitter, on the scheduler thread, and a client whose socket is full
 * blocks that thread (and so every other client) until the write times out. The emitter never
 * times out, as the starter's does not, so both keep streams for the whole run.
 */
@RestController
class NaiveSseController {

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private long sequence;

    @GetMapping(path = "/events/bench", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        SseEmitter emitter = new SseEmitter(0L);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(error -> emitters.remove(emitter));
        emitters.add(emitter);
        return emitter;
    }

    @Scheduled(fixedRateString = "${naive.period-micros}", timeUnit = TimeUnit.MICROSECONDS)
    void publish() {
        String data = BenchEvent.format(sequence++, EpochNanos.now());
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().data(data));
            } catch (IOException | IllegalStateException clientGone) {
                emitters.remove(emitter);
            }
        }
    }
}
