package dev.sseboot.sample.channels;

import dev.sseboot.spring.SsePublisher;
import dev.sseboot.core.hub.ChannelNames;
import dev.sseboot.core.hub.EventTooLargeException;
import dev.sseboot.core.hub.PublishResult;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.sample.PublishedText;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Publishes to, lists and closes channels over HTTP. Channels here are one path segment; the
 * stream endpoint also serves names with {@code /}.
 */
@RestController
@RequestMapping("/api/channels")
public class ChannelController {

    private final SsePublisher publisher;
    private final SseHub hub;

    public ChannelController(SsePublisher publisher, SseHub hub) {
        this.publisher = publisher;
        this.hub = hub;
    }

    /** Publishes {@code data} as {@link PublishedText}, under {@code event} when given. */
    @PostMapping("/{channel}/messages")
    public ResponseEntity<Published> publish(@PathVariable String channel, @RequestBody PublishRequest request) {
        if (request.data() == null) {
            throw new IllegalArgumentException("data is required");
        }
        if (request.event() != null && request.event().isEmpty()) {
            throw new IllegalArgumentException("event must not be empty; leave it out to send a 'message' event");
        }
        PublishedText payload = new PublishedText(request.data(), System.currentTimeMillis());
        PublishResult result = request.event() != null
                ? publisher.publish(channel, request.event(), payload)
                : publisher.publish(channel, payload);
        return ResponseEntity.accepted().body(new Published(result.id(), channel, result.localStreams()));
    }

    /**
     * Ends the channel's streams on this instance (go-sse's {@code CloseChannel}); clients reconnect
     * and resume from their Last-Event-ID.
     */
    @PostMapping("/{channel}/close")
    public Closed close(@PathVariable String channel) {
        ChannelNames.requireValid(channel);
        return new Closed(channel, hub.closeChannel(channel));
    }

    /** The channels with streams on this instance, and the server's clock for the page's replay marks. */
    @GetMapping
    public Channels channels() {
        List<ChannelSummary> channels = hub.channels().stream()
                .map(name -> new ChannelSummary(name, hub.subscriberCount(name)))
                .toList();
        return new Channels(System.currentTimeMillis(), channels);
    }

    /**
     * An event larger than {@code sse.max-event-size} is refused by the hub; the same answer as a body
     * over the API's limit, 413, since it is the same condition caught one step later.
     */
    @ExceptionHandler(EventTooLargeException.class)
    public ProblemDetail tooLarge(EventTooLargeException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
    }

    /**
     * The publisher and the hub reject a bad channel name or an event name with a line break with
     * this exception; so does the validation above. It is the client's input, so 400, never 500.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail badRequest(IllegalArgumentException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    /**
     * @param event the event name, or absent for {@code message}
     * @param data the text to publish
     */
    public record PublishRequest(String event, String data) {
    }

    /**
     * @param id the event id, which browsers send back as Last-Event-ID
     * @param localStreams how many streams of this instance it was handed to
     */
    public record Published(String id, String channel, int localStreams) {
    }

    public record Closed(String channel, int closedStreams) {
    }

    /** @param serverTime the server's clock in epoch milliseconds */
    public record Channels(long serverTime, List<ChannelSummary> channels) {
    }

    public record ChannelSummary(String name, int subscribers) {
    }
}
