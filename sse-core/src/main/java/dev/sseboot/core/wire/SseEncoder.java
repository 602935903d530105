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
        StringBuilder out = new StringBuilder(OVERHEAD + length(message.comment()) + length(message.id())
                + length(message.event()) + length(message.data()));
        if (message.comment() != null) {
            appendLines(out, "", message.comment());
        }
        if (message.id() != null) {
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
        out.append('\n');
        return new SseFrame(out.toString().getBytes(StandardCharsets.UTF_8), message.id());
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
