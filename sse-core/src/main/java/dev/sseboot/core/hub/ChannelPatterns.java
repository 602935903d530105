package dev.sseboot.core.hub;

import org.jspecify.annotations.Nullable;

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
