package dev.sseboot.core.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incremental parser for {@code text/event-stream}, following the WHATWG HTML algorithm
 * "interpreting an event stream" to the letter: bytes are decoded as UTF-8 (malformed sequences
 * become U+FFFD, also when a character is split across {@code feed} calls), one leading BOM is
 * skipped, CRLF, lone CR and lone LF all end a line (also when a CR ends one chunk and the LF
 * starts the next), a blank line dispatches, a line without a colon is a field with an empty
 * value, one space after the colon is stripped, {@code id} values containing NUL and
 * {@code retry} values that are not all ASCII digits are ignored, and unknown fields are ignored.
 *
 * <p>Comments are ignored by browsers; this parser hands them to {@link Handler#onComment} with
 * one leading space stripped, the inverse of {@link SseEncoder}. A {@code retry} value too large
 * for a {@code long} is reported as {@link Long#MAX_VALUE}; an empty one is not a number and is
 * ignored.
 *
 * <p>Memory is bounded: a line, and the data of one pending event, may each take at most
 * {@code maxEventBytes} bytes (default {@value #DEFAULT_MAX_EVENT_BYTES}); beyond that
 * {@code feed} throws {@link IllegalStateException} instead of buffering without end, and the
 * parser must be discarded.
 *
 * <p>Not thread-safe: feed one stream from one thread at a time. After {@link #end()} the parser
 * may read the next stream from the same source, as a browser's {@code EventSource} does when it
 * reconnects: the last event id carries over. Exceptions thrown by the handler propagate out of
 * {@code feed}; the rest of that input is not processed.
 */
public final class SseParser {

    /** The default bound, in bytes, on one line and on the data of one pending event: 1 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    /** Buffers grown past this by a large event are dropped afterwards, so idle streams stay small. */
    private static final int RETAINED_CAPACITY = 8 * 1024;
    private static final int DIRECT_COPY_CHUNK = 8 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] DATA = ascii("data");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] ID = ascii("id");
    private static final byte[] RETRY = ascii("retry");

    /** Receives what the stream carries, in stream order, on the thread that calls {@code feed}. */
    public interface Handler {

        /** An event was dispatched by a blank line. */
        void onEvent(SseEvent event);

        /** The stream set the reconnection time. */
        default void onRetry(long millis) {
        }

        /** A comment line ({@code :} and the text after it, one leading space stripped). */
        default void onComment(String text) {
        }
    }

    private final Handler handler;
    private final int maxEventBytes;

    /** The bytes of a line that is not complete yet (it continues in a later chunk). */
    private byte[] line = EMPTY;
    private int lineLength;
    /** The last chunk ended with CR: an LF that starts the next chunk ends no second line. */
    private boolean skipLf;
    private boolean streamStart = true;

    private StringBuilder data = new StringBuilder();
    private int dataBytes;
    private String eventType = "";
    private String lastEventIdBuffer;
    private String lastEventId;

    /** A parser with the default bound and no last event id. */
    public SseParser(Handler handler) {
        this(handler, DEFAULT_MAX_EVENT_BYTES, "");
    }

    /**
     * A parser with a chosen bound and a starting last event id (the one a reconnecting client
     * already holds, so that events and blank lines before the next {@code id:} keep it).
     *
     * @param maxEventBytes the most bytes one line, or the data of one pending event, may take
     * @param lastEventId the initial last event id; {@code ""} for none
     */
    public SseParser(Handler handler, int maxEventBytes, String lastEventId) {
        this.handler = Objects.requireNonNull(handler, "handler");
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
        this.lastEventIdBuffer = lastEventId;
    }

    /**
     * The last event id as of the latest dispatch (a blank line), which is what a client sends as
     * {@code Last-Event-ID} when it reconnects; {@code ""} when there is none.
     */
    public String lastEventId() {
        return lastEventId;
    }

    /** Parses the next bytes of the stream. */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        int i = offset;
        if (skipLf && i < end) {
            skipLf = false;
            if (bytes[i] == '\n') {
                i++;
            }
        }
        int lineStart = i;
        while (i < end) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                i++;
                continue;
            }
            completeLine(bytes, lineStart, i);
            i++;
            if (b == '\r') {
                if (i == end) {
                    skipLf = true;
                } else if (bytes[i] == '\n') {
                    i++;
                }
            }
            lineStart = i;
        }
        appendToLine(bytes, lineStart, end);
    }

    /** Parses the remaining bytes of {@code buffer}, leaving it with none remaining. */
    public void feed(ByteBuffer buffer) {
        int remaining = buffer.remaining();
        if (buffer.hasArray()) {
            int from = buffer.arrayOffset() + buffer.position();
            buffer.position(buffer.limit());
            feed(buffer.array(), from, remaining);
            return;
        }
        byte[] chunk = new byte[Math.min(remaining, DIRECT_COPY_CHUNK)];
        while (buffer.hasRemaining()) {
            int n = Math.min(chunk.length, buffer.remaining());
            buffer.get(chunk, 0, n);
            feed(chunk, 0, n);
        }
    }

    /** Parses {@code text} as the next part of the stream (encoded as UTF-8). */
    public void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        feed(bytes, 0, bytes.length);
    }

    /**
     * Ends the stream: a pending incomplete line or event is discarded, as the spec demands, and
     * so is an {@code id:} not yet confirmed by a blank line. The parser is then ready for the
     * next stream (a reconnection), keeping {@link #lastEventId()}.
     */
    public void end() {
        line = lineLength > RETAINED_CAPACITY ? EMPTY : line;
        lineLength = 0;
        skipLf = false;
        streamStart = true;
        resetEvent();
        lastEventIdBuffer = lastEventId;
    }

    private void completeLine(byte[] bytes, int from, int to) {
        if (lineLength == 0) {
            checkLineLength(to - from);
            processLine(bytes, from, to);
            return;
        }
        appendToLine(bytes, from, to);
        byte[] full = line;
        int length = lineLength;
        lineLength = 0;
        if (line.length > RETAINED_CAPACITY) {
            line = EMPTY;
        }
        processLine(full, 0, length);
    }

    private void appendToLine(byte[] bytes, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        checkLineLength(lineLength + n);
        if (lineLength + n > line.length) {
            int grown = Math.max(lineLength + n, Math.max(64, line.length * 2));
            line = Arrays.copyOf(line, Math.min(grown, maxEventBytes));
        }
        System.arraycopy(bytes, from, line, lineLength, n);
        lineLength += n;
    }

    private void checkLineLength(int length) {
        if (length > maxEventBytes) {
            throw new IllegalStateException("event stream line longer than " + maxEventBytes + " bytes");
        }
    }

    private void processLine(byte[] bytes, int from, int to) {
        if (streamStart) {
            streamStart = false;
            if (to - from >= 3 && bytes[from] == (byte) 0xEF && bytes[from + 1] == (byte) 0xBB
                    && bytes[from + 2] == (byte) 0xBF) {
                from += 3;
            }
        }
        if (from == to) {
            dispatch();
            return;
        }
        int colon = indexOf(bytes, from, to, (byte) ':');
        if (colon == from) {
            handler.onComment(Utf8.decode(bytes, valueStart(bytes, from + 1, to), to));
            return;
        }
        if (colon < 0) {
            field(bytes, from, to, to, to);
        } else {
            field(bytes, from, colon, valueStart(bytes, colon + 1, to), to);
        }
    }

    private void field(byte[] bytes, int nameFrom, int nameTo, int valueFrom, int valueTo) {
        if (is(bytes, nameFrom, nameTo, DATA)) {
            dataBytes += valueTo - valueFrom + 1;
            if (dataBytes > maxEventBytes) {
                throw new IllegalStateException("event stream event data longer than " + maxEventBytes + " bytes");
            }
            data.append(Utf8.decode(bytes, valueFrom, valueTo)).append('\n');
        } else if (is(bytes, nameFrom, nameTo, EVENT)) {
            eventType = Utf8.decode(bytes, valueFrom, valueTo);
        } else if (is(bytes, nameFrom, nameTo, ID)) {
            if (indexOf(bytes, valueFrom, valueTo, (byte) 0) < 0) {
                lastEventIdBuffer = Utf8.decode(bytes, valueFrom, valueTo);
            }
        } else if (is(bytes, nameFrom, nameTo, RETRY)) {
            retry(bytes, valueFrom, valueTo);
        }
    }

    private void retry(byte[] bytes, int from, int to) {
        if (from == to) {
            return;
        }
        long millis = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return;
            }
            millis = millis > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : millis * 10 + digit;
        }
        handler.onRetry(millis);
    }

    private void dispatch() {
        lastEventId = lastEventIdBuffer;
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        // Every data line appended an LF; the spec removes the last one.
        String value = data.substring(0, data.length() - 1);
        String type = eventType.isEmpty() ? "message" : eventType;
        resetEvent();
        handler.onEvent(new SseEvent(lastEventId, type, value));
    }

    private void resetEvent() {
        if (data.capacity() > RETAINED_CAPACITY) {
            data = new StringBuilder();
        } else {
            data.setLength(0);
        }
        dataBytes = 0;
        eventType = "";
    }

    private static int valueStart(byte[] bytes, int from, int to) {
        return from < to && bytes[from] == ' ' ? from + 1 : from;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte target) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(byte[] bytes, int from, int to, byte[] name) {
        return Arrays.equals(bytes, from, to, name, 0, name.length);
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
