package dev.sseboot.core.hub;

import org.jspecify.annotations.Nullable;

/**
 * Channel names: 1–128 characters of {@code [A-Za-z0-9._:~@-]} and {@code /}, where {@code /}
 * separates non-empty segments none of which is {@code .} or {@code ..} (a name is never a path
 * trick).
 */
public final class ChannelNames {

    /** The longest channel name accepted. */
    public static final int MAX_LENGTH = 128;

    private ChannelNames() {
    }

    public static boolean isValid(@Nullable String name) {
        return problem(name) == null;
    }

    /**
     * Returns the name when valid.
     *
     * @throws IllegalArgumentException saying what is wrong with the name
     */
    public static String requireValid(@Nullable String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid channel name: " + problem);
        }
        return name;
    }

    private static @Nullable String problem(@Nullable String name) {
        return problem(name, false);
    }

    /**
     * What is wrong with a channel name or, with {@code wildcards}, with a name whose whole segments
     * may also be {@code *}, and its last segment {@code **} ({@link ChannelPatterns}); {@code null}
     * when nothing is.
     */
    static @Nullable String problem(@Nullable String name, boolean wildcards) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        int segmentStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/') {
                String segment = name.substring(segmentStart, i);
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    return "'" + printable(name) + "' has an empty, '.' or '..' segment";
                }
                if (wildcards && segment.indexOf('*') >= 0 && !segment.equals("*")
                        && !(segment.equals("**") && i == name.length())) {
                    return "'" + printable(name) + "' has a '*' that is not a whole segment '*' or a last segment '**'";
                }
                segmentStart = i + 1;
            } else if (!isNameChar(name.charAt(i)) && !(wildcards && name.charAt(i) == '*')) {
                return "'" + printable(name) + "' contains a character outside [A-Za-z0-9._:~@-/] at index " + i;
            }
        }
        return null;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '~' || c == '@' || c == '-';
    }

    /** Keeps error messages one line and short whatever a client sent. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return name.length() > 64 ? out + "…" : out.toString();
    }
}
