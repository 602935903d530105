package dev.sseboot.core.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The event id of a multiplexed stream ({@link SseHub#subscribe(List, SseSink, String, String)}):
 * {@code <source>|<p0>,<p1>,…} where the source is the channel the event was published on (a
 * pattern for a pattern's gap event, empty for the opening block) and {@code pi} is the client's
 * position on the i-th requested entry, in request order: the id of the last event it has of that
 * channel, or empty for a pattern. Positions are percent-escaped ({@code %} as {@code %25},
 * {@code ,} as {@code %2C}, {@code |} as {@code %7C}, nothing else); channel names and patterns
 * never contain {@code |}, {@code ,} or {@code %}, so the first {@code |} ends the source.
 *
 * <p>A client sends the last one back unchanged as its Last-Event-ID. It is accepted up to
 * {@link #maxLength(int)} characters ({@value #BASE_LENGTH} plus {@value #LENGTH_PER_ENTRY} per
 * entry: 3,072 for 32 entries), and each position up to {@link SseSettings#MAX_LAST_EVENT_ID_LENGTH}
 * characters once unescaped. The ids the brokers assign fit with room to spare: with 32 channels and
 * a 128-character source an id of the in-memory broker (a decimal counter, at most 18 digits) is at
 * most 736 characters long, one of the Redis broker ({@code <ms>-<seq>}, at most 21 characters
 * today) at most 832. Ids set by publishers (the in-memory broker keeps them) count with their
 * escaped length: a stream of 32 channels whose publishers set ids of more than about 90
 * characters can outgrow the bound, and its client's resume is then refused.
 *
 * @param source the concrete channel, pattern or {@code ""} the block came from
 * @param positions the client's position per entry, unescaped, {@code ""} where it has none
 */
public record CompositeEventId(String source, List<String> positions) {

    /** The part of {@link #maxLength(int)} that does not grow with the entries: room for the source and slack. */
    public static final int BASE_LENGTH = 1024;
    /** The part of {@link #maxLength(int)} each entry adds. */
    public static final int LENGTH_PER_ENTRY = 64;

    public CompositeEventId {
        Objects.requireNonNull(source, "source");
        positions = List.copyOf(positions);
    }

    /** The longest composite Last-Event-ID accepted for a stream of this many entries. */
    public static int maxLength(int entries) {
        return BASE_LENGTH + LENGTH_PER_ENTRY * entries;
    }

    /**
     * Reads a composite Last-Event-ID.
     *
     * @param entries how many entries the stream has; the id must have exactly as many positions
     * @throws IllegalArgumentException when it is longer than {@link #maxLength(int)}, has no
     *     {@code |}, a source that is neither empty, a channel nor a pattern, another number of
     *     positions, an escape other than the three above, or a position longer than
     *     {@link SseSettings#MAX_LAST_EVENT_ID_LENGTH} characters
     */
    public static CompositeEventId parse(String text, int entries) {
        Objects.requireNonNull(text, "text");
        if (text.length() > maxLength(entries)) {
            throw new IllegalArgumentException("Last-Event-ID is longer than " + maxLength(entries)
                    + " characters, the most a stream of " + entries + " entries accepts");
        }
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("Last-Event-ID is not an id of a multiplexed stream: it has no '|'");
        }
        String source = text.substring(0, bar);
        if (!source.isEmpty() && !ChannelNames.isValid(source) && !ChannelPatterns.isValid(source)) {
            throw new IllegalArgumentException("Last-Event-ID names a source that is neither a channel nor a pattern");
        }
        int found = countPositions(text, bar);
        if (found != entries) {
            throw new IllegalArgumentException("Last-Event-ID has " + found + " positions but the stream has "
                    + entries + " entries");
        }
        List<String> positions = new ArrayList<>(entries);
        int start = bar + 1;
        for (int i = start; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ',') {
                positions.add(unescape(text, start, i));
                start = i + 1;
            }
        }
        return new CompositeEventId(source, positions);
    }

    private static int countPositions(String text, int bar) {
        int count = 1;
        for (int i = bar + 1; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                count++;
            }
        }
        return count;
    }

    private static String unescape(String text, int from, int to) {
        if (text.indexOf('%', from) < 0 || text.indexOf('%', from) >= to) {
            return checkedLength(text.substring(from, to));
        }
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (i + 3 > to) {
                throw badEscape();
            } else {
                out.append(unescaped(text.substring(i, i + 3)));
                i += 2;
            }
        }
        return checkedLength(out.toString());
    }

    private static char unescaped(String escape) {
        switch (escape.toUpperCase(Locale.ROOT)) {
            case "%25":
                return '%';
            case "%2C":
                return ',';
            case "%7C":
                return '|';
            default:
                throw badEscape();
        }
    }

    private static IllegalArgumentException badEscape() {
        return new IllegalArgumentException("Last-Event-ID has an escape other than %25, %2C and %7C");
    }

    private static String checkedLength(String position) {
        if (position.length() > SseSettings.MAX_LAST_EVENT_ID_LENGTH) {
            throw new IllegalArgumentException("Last-Event-ID has a position longer than "
                    + SseSettings.MAX_LAST_EVENT_ID_LENGTH + " characters");
        }
        return position;
    }

    /** The position as it stands in a composite id. */
    public static String escape(String position) {
        if (position.indexOf('%') < 0 && position.indexOf(',') < 0 && position.indexOf('|') < 0) {
            return position;
        }
        StringBuilder out = new StringBuilder(position.length() + 8);
        for (int i = 0; i < position.length(); i++) {
            char c = position.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case ',' -> out.append("%2C");
                case '|' -> out.append("%7C");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The id as the stream writes it. */
    public String text() {
        StringBuilder out = new StringBuilder(source).append('|');
        for (int i = 0; i < positions.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(positions.get(i)));
        }
        return out.toString();
    }
}
