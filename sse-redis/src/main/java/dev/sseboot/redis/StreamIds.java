package dev.sseboot.redis;

import org.jspecify.annotations.Nullable;

/**
 * Redis stream ids ({@code <milliseconds>-<sequence>}) as the hub's delivery positions.
 *
 * <p>A position is {@code milliseconds << 20 | sequence}, so positions increase with ids. It
 * covers milliseconds up to 2^43 (the year 2248) and sequences below 2^20: one channel would need
 * more than a million entries stamped with the same millisecond, which Redis only does while its
 * clock stands still or runs backwards for long. An id outside that range is treated like a
 * malformed one.
 */
final class StreamIds {

    private static final int SEQUENCE_BITS = 20;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    /**
     * The sequence of a position that is no entry (a fresh stream's on a channel without entries):
     * the highest in range, which no entry reaches, so markers are never taken for trimmed entries.
     */
    static final long MARKER_SEQUENCE = MAX_SEQUENCE;
    private static final long MAX_MILLIS = Long.MAX_VALUE >>> SEQUENCE_BITS;

    private StreamIds() {
    }

    /** Whether the text is a stream id this broker can order (so a replay may start after it). */
    static boolean isValid(@Nullable String id) {
        return toPosition(id) >= 0;
    }

    /**
     * The position of a stream id.
     *
     * @throws IllegalArgumentException when it is not a stream id in the supported range
     */
    static long position(String id) {
        long position = toPosition(id);
        if (position < 0) {
            throw new IllegalArgumentException("Not a Redis stream id in the supported range: '" + id + "'");
        }
        return position;
    }

    /** The position, or -1 when the text is not a stream id in range. */
    private static long toPosition(@Nullable String id) {
        if (id == null) {
            return -1;
        }
        int dash = id.indexOf('-');
        if (dash < 1 || dash == id.length() - 1) {
            return -1;
        }
        long millis = parse(id, 0, dash, MAX_MILLIS);
        long sequence = parse(id, dash + 1, id.length(), MAX_SEQUENCE);
        return millis < 0 || sequence < 0 ? -1 : millis << SEQUENCE_BITS | sequence;
    }

    /** Decimal digits only (no sign, no spaces; 18 at most, so no overflow), at most {@code max}; -1 otherwise. */
    private static long parse(String text, int from, int to, long max) {
        if (to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }
}
