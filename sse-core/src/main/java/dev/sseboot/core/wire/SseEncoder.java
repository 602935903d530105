package dev.sseboot.core.wire;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns an {@link SseMessage} into the bytes of one event on the wire (WHATWG HTML, "Server-sent
 * events").
 *
 * <p>The frame is, in this order: one {@code :} line per line of the comment, {@code id:},
 * {@code event:} and {@code retry:} when set, one {@code data:} line per line of the data, and a
 * blank line. CRLF, CR and LF all end a line of the comment or the data, so no payload can smuggle
 * in a field or end the event early. A value is always preceded by exactly one space, which the
 * parser strips, so values that start with a space survive; an empty value is written without it
 * ({@code data:}, {@code id:}). Lines end with LF; the text is UTF-8 (a lone surrogate, which UTF-8
 * cannot carry, becomes {@code ?}).
 */
public final class SseEncoder {

    /** Room for the field names, separators and line ends of a typical frame. */
    private static final int OVERHEAD = 32;

    private SseEncoder() {
    }

    /** Encodes {@code message} into a frame that can be written to any number of clients. */
    public static SseFrame encode(SseMessage message) {
        Objects.requireNonNull(message, "message");
        StringBuilder out = appendFields(message, true);
        out.append('\n');
        return new SseFrame(out.toString().getBytes(StandardCharsets.UTF_8), message.id());
    }

    /**
     * Encodes every field of {@code message} but its id, without the blank line that ends the
     * block: the part of an event that streams share when each writes its own id after it with
     * {@link #encodeBlockEnd}. Empty for a message with nothing but an id.
     */
    public static SseFrame encodeBody(SseMessage message) {
        Objects.requireNonNull(message, "message");
        return new SseFrame(appendFields(message, false).toString().getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * The {@code id:} line and the blank line that end a block begun by {@link #encodeBody}; on its
     * own, an id-only block (it sets the client's last event id and dispatches nothing).
     *
     * @throws IllegalArgumentException when the id holds CR, LF or NUL
     */
    public static SseFrame encodeBlockEnd(String id) {
        Objects.requireNonNull(id, "id");
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException("id must not contain CR, LF or NUL");
            }
        }
        StringBuilder out = new StringBuilder(id.length() + 6);
        appendLine(out, "id", id, 0, id.length());
        return new SseFrame(out.append('\n').toString().getBytes(StandardCharsets.UTF_8), id);
    }

    private static StringBuilder appendFields(SseMessage message, boolean withId) {
        StringBuilder out = new StringBuilder(OVERHEAD + length(message.comment()) + length(message.id())
                + length(message.event()) + length(message.data()));
        if (message.comment() != null) {
            appendLines(out, "", message.comment());
        }
        if (withId && message.id() != null) {
            appendLine(out, "id", message.id(), 0, message.id().length());
        }
        if (message.event() != null) {
            appendLine(out, "event", message.event(), 0, message.event().length());
        }
        if (message.retryMillis() != null) {
            out.append("retry: ").append(message.retryMillis().longValue()).append('\n');
        }
        if (message.data() != null) {
            appendLines(out, "data", message.data());
        }
        return out;
    }

    private static int length(@Nullable String value) {
        return value == null ? 0 : value.length();
    }

    /** One {@code name:} line per line of {@code text}; "" and a trailing line end yield an empty line. */
    private static void appendLines(StringBuilder out, String name, String text) {
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                appendLine(out, name, text, start, i);
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        appendLine(out, name, text, start, length);
    }

    private static void appendLine(StringBuilder out, String name, String text, int from, int to) {
        out.append(name).append(':');
        if (to > from) {
            out.append(' ').append(text, from, to);
        }
        out.append('\n');
    }
}
