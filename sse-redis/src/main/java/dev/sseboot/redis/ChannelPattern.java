package dev.sseboot.redis;

import java.util.List;

/**
 * A channel pattern: whole segments may be {@code *} (exactly one segment) and the last segment may
 * be {@code **} (one or more segments). {@code prices/*} matches {@code prices/ACME}, not
 * {@code prices/ACME/x} and not {@code prices}; {@code prices/**} matches both of the first two.
 */
record ChannelPattern(String text, List<String> segments) {

    private static final String ONE = "*";
    private static final String ONE_OR_MORE = "**";

    /**
     * @throws IllegalArgumentException when {@code **} is not the last segment, or a segment is empty
     *     or mixes {@code *} with other characters
     */
    static ChannelPattern of(String text) {
        List<String> segments = List.of(text.split("/", -1));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean wildcard = segment.equals(ONE) || segment.equals(ONE_OR_MORE);
            if (segment.isEmpty() || (!wildcard && segment.indexOf('*') >= 0)
                    || (segment.equals(ONE_OR_MORE) && i != segments.size() - 1)) {
                throw new IllegalArgumentException("Not a channel pattern: '" + text + "' (whole segments may be '*',"
                        + " the last may be '**')");
            }
        }
        return new ChannelPattern(text, segments);
    }

    boolean matches(String channel) {
        String[] parts = channel.split("/", -1);
        int last = segments.size() - 1;
        if (segments.get(last).equals(ONE_OR_MORE) ? parts.length < segments.size() : parts.length != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.equals(ONE_OR_MORE)) {
                return true;
            }
            if (parts[i].isEmpty() || !(segment.equals(ONE) || segment.equals(parts[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Redis glob that matches at least every channel this pattern matches: each wildcard segment
     * becomes {@code *}, which in Redis also matches {@code /}, so what arrives is matched exactly
     * here again. Channel names hold no glob characters, so the rest needs no escaping.
     */
    String glob() {
        return String.join("/", segments.stream().map(segment -> segment.startsWith(ONE) ? ONE : segment).toList());
    }
}
