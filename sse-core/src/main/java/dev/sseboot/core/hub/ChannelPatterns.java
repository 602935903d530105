package dev.sseboot.core.hub;

import org.jspecify.annotations.Nullable;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Channel patterns: a channel name in which whole segments may be {@code *} (exactly one segment)
 * and the last segment may be {@code **} (one or more segments). {@code prices/*} matches
 * {@code prices/ACME} but neither {@code prices/ACME/x} nor {@code prices}; {@code prices/**}
 * matches {@code prices/ACME} and {@code prices/ACME/x} but not {@code prices}. Patterns follow the
 * rules of {@link ChannelNames} otherwise (1–128 characters, no empty, {@code .} or {@code ..}
 * segment), so a pattern never matches anything that is not a channel.
 */
public final class ChannelPatterns {

    private ChannelPatterns() {
    }

    /**
     * Whether the text is meant as a pattern: it has a {@code *}. Whether it is a valid one, and so
     * whether it can match anything, {@link #isValid} says.
     */
    public static boolean isPattern(@Nullable String text) {
        return text != null && text.indexOf('*') >= 0;
    }

    /** Whether the text is a pattern that follows the rules above. */
    public static boolean isValid(@Nullable String pattern) {
        return isPattern(pattern) && ChannelNames.problem(pattern, true) == null;
    }

    /**
     * Returns the pattern when valid.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String requireValid(@Nullable String pattern) {
        String problem = isPattern(pattern) ? ChannelNames.problem(pattern, true) : "it has no '*' segment";
        if (problem != null) {
            throw new IllegalArgumentException("Invalid channel pattern: " + problem);
        }
        return pattern;
    }

    /**
     * Checks the entries of a multiplexed stream: one to {@code maxEntries} channel names and
     * patterns, none invalid, no two alike.
     *
     * @return an unmodifiable copy of the entries
     * @throws IllegalArgumentException saying what is wrong with them
     */
    public static List<String> requireValidEntries(List<String> entries, int maxEntries) {
        Objects.requireNonNull(entries, "entries must not be null");
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("A stream needs at least one channel");
        }
        if (entries.size() > maxEntries) {
            throw new IllegalArgumentException("A stream may subscribe to at most " + maxEntries
                    + " channels and patterns, not " + entries.size());
        }
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            if (isPattern(entry)) {
                requireValid(entry);
            } else {
                ChannelNames.requireValid(entry);
            }
            if (!seen.add(entry)) {
                throw new IllegalArgumentException("'" + entry + "' is requested twice");
            }
        }
        return List.copyOf(entries);
    }

    /**
     * Whether the channel is one the pattern covers. Walks both once, segment by segment, without
     * allocating: the hub asks this for every published event and every pattern it serves.
     *
     * @param pattern a valid pattern ({@link #requireValid})
     * @param channel a valid channel name
     */
    public static boolean matches(String pattern, String channel) {
        int p = 0;
        int c = 0;
        while (true) {
            int patternEnd = segmentEnd(pattern, p);
            int channelEnd = segmentEnd(channel, c);
            int length = patternEnd - p;
            if (length == 2 && pattern.charAt(p) == '*' && pattern.charAt(p + 1) == '*') {
                return true;
            }
            boolean any = length == 1 && pattern.charAt(p) == '*';
            if (!any && (channelEnd - c != length || !pattern.regionMatches(p, channel, c, length))) {
                return false;
            }
            boolean patternDone = patternEnd == pattern.length();
            boolean channelDone = channelEnd == channel.length();
            if (patternDone || channelDone) {
                return patternDone && channelDone;
            }
            p = patternEnd + 1;
            c = channelEnd + 1;
        }
    }

    private static int segmentEnd(String name, int from) {
        int slash = name.indexOf('/', from);
        return slash < 0 ? name.length() : slash;
    }
}
