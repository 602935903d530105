package dev.sseboot.core.wire;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;

/**
 * One server-sent event, immutable.
 *
 * <p>Every field is optional except that a message must carry something. {@code data} is the
 * payload (its lines become {@code data:} lines; {@code ""} is one empty {@code data:} line and is
 * still dispatched by browsers); a message with {@code null} data is a control frame (only
 * {@code retry}, {@code id} or a {@code comment}) that browsers never dispatch as an event.
 *
 * <p>Validation happens here, once, so that no frame a client would read as other fields can ever
 * be built: {@code id} and {@code event} must not contain CR or LF, {@code id} must not contain NUL,
 * and {@code retry} must not be negative. Each violation is an {@link IllegalArgumentException}
 * naming the field.
 */
public final class SseMessage {

    private final @Nullable String id;
    private final @Nullable String event;
    private final @Nullable String data;
    private final @Nullable Long retryMillis;
    private final @Nullable String comment;
    /** Computed on first use, like {@link String#hashCode()}: 0 until then (a message is never empty). */
    private int size;

    private SseMessage(Builder builder) {
        this.id = checkLine("id", builder.id);
        this.event = checkLine("event", builder.event);
        if (builder.id != null && builder.id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("id must not contain NUL");
        }
        if (builder.retryMillis != null && builder.retryMillis < 0) {
            throw new IllegalArgumentException("retry must not be negative: " + builder.retryMillis);
        }
        this.data = builder.data;
        this.retryMillis = builder.retryMillis;
        this.comment = builder.comment;
        if (id == null && event == null && data == null && retryMillis == null && comment == null) {
            throw new IllegalArgumentException("a message needs at least one of data, id, event, retry or comment");
        }
    }

    private static @Nullable String checkLine(String field, @Nullable String value) {
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException(field + " must not contain CR or LF");
        }
        return value;
    }

    /** A message with only data, like go-sse's {@code SimpleMessage}. */
    public static SseMessage of(String data) {
        return builder().data(Objects.requireNonNull(data, "data")).build();
    }

    /** A comment-only frame, for example a heartbeat; clients never dispatch it. */
    public static SseMessage comment(String comment) {
        return builder().comment(Objects.requireNonNull(comment, "comment")).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this message's fields, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().id(id).event(event).data(data).retryMillis(retryMillis).comment(comment);
    }

    /** A copy of this message with the given id. */
    public SseMessage withId(String newId) {
        return toBuilder().id(newId).build();
    }

    public @Nullable String id() {
        return id;
    }

    public @Nullable String event() {
        return event;
    }

    public @Nullable String data() {
        return data;
    }

    /** The reconnection time in milliseconds, or {@code null} when the message does not set it. */
    public @Nullable Long retryMillis() {
        return retryMillis;
    }

    public @Nullable String comment() {
        return comment;
    }

    /**
     * What the message weighs: the UTF-8 bytes of its id, event name, data and comment, the fields
     * whose length the publisher chooses. Size limits (an event's largest size, the replay history's
     * bytes) count this; a retry and the field names add a few bytes on the wire.
     */
    public int size() {
        int computed = size;
        if (computed == 0) {
            computed = utf8Length(id) + utf8Length(event) + utf8Length(data) + utf8Length(comment);
            size = computed;
        }
        return computed;
    }

    /** As {@code text.getBytes(UTF_8).length}, without the copy: a lone surrogate is encoded as {@code ?}. */
    private static int utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SseMessage that
                && Objects.equals(id, that.id)
                && Objects.equals(event, that.event)
                && Objects.equals(data, that.data)
                && Objects.equals(retryMillis, that.retryMillis)
                && Objects.equals(comment, that.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, event, data, retryMillis, comment);
    }

    @Override
    public String toString() {
        return "SseMessage[id=" + id + ", event=" + event + ", data=" + data + ", retry=" + retryMillis
                + ", comment=" + comment + "]";
    }

    /** Builds an {@link SseMessage}; validation happens in {@link #build()}. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String event;
        private @Nullable String data;
        private @Nullable Long retryMillis;
        private @Nullable String comment;

        private Builder() {
        }

        /** The event id; browsers send the last one back as {@code Last-Event-ID} on reconnect. */
        public Builder id(@Nullable String id) {
            this.id = id;
            return this;
        }

        /** The event name ({@code addEventListener(name, …)}); {@code null} means {@code message}. */
        public Builder event(@Nullable String event) {
            this.event = event;
            return this;
        }

        /** The payload; CRLF, CR and LF all separate lines. */
        public Builder data(@Nullable String data) {
            this.data = data;
            return this;
        }

        /** The client's reconnection delay. */
        public Builder retry(@Nullable Duration retry) {
            this.retryMillis = retry == null ? null : retry.toMillis();
            return this;
        }

        public Builder retryMillis(@Nullable Long retryMillis) {
            this.retryMillis = retryMillis;
            return this;
        }

        /** A comment; each of its lines becomes a {@code :} line. */
        public Builder comment(@Nullable String comment) {
            this.comment = comment;
            return this;
        }

        public SseMessage build() {
            return new SseMessage(this);
        }
    }
}
