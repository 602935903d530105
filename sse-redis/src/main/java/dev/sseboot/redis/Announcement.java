package dev.sseboot.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the publish script announces on pub/sub: the whole entry, so no instance has to read the
 * stream for a live event. The layout, built by {@link ChannelStreams}' publish script, is
 * {@code <id>\n<channel>} followed by {@code \n<field>\n<byte length>\n<value>} per field; lengths
 * make values with line breaks safe.
 */
record Announcement(String channel, StreamEntry entry) {

    /**
     * Reads an announcement.
     *
     * @throws IllegalArgumentException when the bytes are not one
     */
    static Announcement parse(byte[] body) {
        Reader reader = new Reader(body);
        String id = reader.line();
        String channel = reader.line();
        List<String> fields = new ArrayList<>(8);
        while (reader.hasMore()) {
            fields.add(reader.line());
            int length = Integer.parseInt(reader.line());
            fields.add(reader.bytes(length));
        }
        return new Announcement(channel, StreamEntry.of(id, fields));
    }

    private static final class Reader {
        private final byte[] body;
        private int offset;

        Reader(byte[] body) {
            this.body = body;
        }

        boolean hasMore() {
            return offset < body.length;
        }

        /** The text up to the next line break or the end, which it consumes. */
        String line() {
            if (!hasMore()) {
                throw new IllegalArgumentException("Announcement ends early at byte " + offset);
            }
            int end = offset;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            String line = new String(body, offset, end - offset, StandardCharsets.UTF_8);
            offset = end + 1;
            return line;
        }

        /** The next {@code length} bytes as text, and the line break after them if any. */
        String bytes(int length) {
            if (length < 0 || length > body.length - offset) {
                throw new IllegalArgumentException("Announcement field of " + length + " bytes overruns at byte " + offset);
            }
            String value = new String(body, offset, length, StandardCharsets.UTF_8);
            offset += length + 1;
            return value;
        }
    }
}
