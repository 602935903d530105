package dev.sseboot.core.hub;

/**
 * What a publish did.
 *
 * @param id the event id the message carries (assigned by the broker when the message had none)
 * @param localStreams how many streams of this instance the message was handed to
 */
public record PublishResult(String id, int localStreams) {
}
