package dev.sseboot.redis;

import dev.sseboot.core.wire.SseMessage;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * One event as a Redis stream entry: its stream id is the event id, and each field of the message
 * that is present is one stream field, so entries read well in {@code redis-cli}.
 *
 * @param id the stream id, which is also the event id
 * @param position the hub's delivery position for that id ({@link StreamIds})
 * @param sequence the event's number in its channel's history (1 for the first since the history
 *     began), or -1 for an entry without one
 * @param message the event, carrying {@code id}
 */
record StreamEntry(String id, long position, long sequence, SseMessage message) {

    static final String DATA = "data";
    static final String EVENT = "event";
    static final String RETRY = "retry";
    static final String COMMENT = "comment";
    /** The sequence number, which the publish script adds. */
    static final String SEQUENCE = "n";

    /**
     * The stream fields of a message, as name, value, name, value. The message's own id is not
     * among them: the stream assigns the id.
     *
     * @throws IllegalArgumentException when nothing but an id would be stored
     */
    static List<String> fields(SseMessage message) {
        List<String> fields = new ArrayList<>(8);
        add(fields, DATA, message.data());
        add(fields, EVENT, message.event());
        add(fields, RETRY, message.retryMillis() == null ? null : message.retryMillis().toString());
        add(fields, COMMENT, message.comment());
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("The Redis broker assigns event ids, so a message with only an id"
                    + " carries nothing: give it data, an event, a retry or a comment");
        }
        return fields;
    }

    private static void add(List<String> fields, String name, @Nullable String value) {
        if (value != null) {
            fields.add(name);
            fields.add(value);
        }
    }

    /**
     * The entry with this id and these fields (name, value, name, value); unknown fields are ignored.
     *
     * @throws NumberFormatException for a retry or sequence that is not a number
     */
    static StreamEntry of(String id, List<String> fields) {
        SseMessage.Builder message = SseMessage.builder().id(id);
        long sequence = -1;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String value = fields.get(i + 1);
            switch (fields.get(i)) {
                case DATA -> message.data(value);
                case EVENT -> message.event(value);
                case RETRY -> message.retryMillis(Long.valueOf(value));
                case COMMENT -> message.comment(value);
                case SEQUENCE -> sequence = Long.parseLong(value);
                default -> {
                }
            }
        }
        return new StreamEntry(id, StreamIds.position(id), sequence, message.build());
    }
}
