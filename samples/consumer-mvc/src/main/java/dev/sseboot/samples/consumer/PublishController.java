package dev.sseboot.samples.consumer;

import dev.sseboot.core.hub.PublishResult;
import dev.sseboot.spring.SsePublisher;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /publish/{channel}} with a text body sends that text to the channel's streams. */
@RestController
class PublishController {

    private final SsePublisher publisher;

    PublishController(SsePublisher publisher) {
        this.publisher = publisher;
    }

    @PostMapping("/publish/{channel}")
    PublishResult publish(@PathVariable String channel, @RequestBody String text) {
        return publisher.publish(channel, text);
    }
}
