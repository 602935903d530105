package dev.sseboot.core.wire;

import java.util.Objects;

/**
 * One event dispatched by {@link SseParser}, with the values a browser's {@code MessageEvent}
 * would carry.
 *
 * @param id the stream's last event id at dispatch: sticky across events, {@code ""} when no
 *     {@code id:} line has been seen or an empty one reset it
 * @param event the event type, {@code "message"} when the event named none
 * @param data the data lines joined with {@code "\n"}
 */
public record SseEvent(String id, String event, String data) {

    public SseEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }
}
