package dev.sseboot.core.wire;

import dev.sseboot.core.seeded.Generator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encoder-parser equivalence, shared by the verify-sized properties ({@link SseWirePropertiesTest})
 * and the soak-sized ones: the generated messages, and the check that what the encoder writes the
 * parser reads back exactly.
 */
public final class WireRoundTrip {

    /** Pieces of text the wire format reacts to, without line breaks. */
    private static final List<String> SPECIALS = List.of(" ", "  ", ":", ": ", "data: ", "data: x", "id:", "id: 7",
            "event: x", "event: evil", "retry: 1", "\uFEFF", "\u00e9", "\ud83d\ude00", "\u2028", "\u0085");
    private static final List<String> SPECIALS_AND_LINE_BREAKS = Stream.concat(SPECIALS.stream(),
            Stream.of("\r", "\n", "\r\n", "\n\n", "\r\r", "\n\r")).toList();

    private WireRoundTrip() {
    }

    /** Encodes the messages, feeds the bytes to a fresh parser in chunks of the given sizes (cycled), and checks what it reports. */
    public static void assertParsesBack(List<SseMessage> messages, List<Integer> chunkSizes) throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Expected expected = new Expected();
        for (SseMessage message : messages) {
            SseEncoder.encode(message).writeTo(stream);
            expected.add(message);
        }

        RecordingHandler handler = new RecordingHandler();
        SseParser parser = new SseParser(handler);
        feedInChunks(parser, stream.toByteArray(), chunkSizes);
        parser.end();

        assertThat(handler.events).isEqualTo(expected.events);
        assertThat(handler.retries).isEqualTo(expected.retries);
        assertThat(handler.comments).isEqualTo(expected.comments);
        assertThat(handler.log).as("callbacks in stream order").isEqualTo(expected.log);
        assertThat(parser.lastEventId()).isEqualTo(expected.lastEventId);
    }

    static void feedInChunks(SseParser parser, byte[] bytes, List<Integer> chunkSizes) {
        int offset = 0;
        for (int chunk = 0; offset < bytes.length; chunk++) {
            int size = Math.min(chunkSizes.get(chunk % chunkSizes.size()), bytes.length - offset);
            parser.feed(Arrays.copyOfRange(bytes, offset, offset + size), 0, size);
            offset += size;
        }
    }

    /**
     * Any valid message: ids without CR, LF or NUL, event names without CR or LF, any data and
     * comments (line breaks of every kind included), retries from 0 up.
     */
    public static SseMessage message(Generator gen) {
        String id = gen.orNull(0.4, () -> text(gen, 1, false, false));
        String event = gen.orNull(0.4, () -> text(gen, 1, false, true));
        String payload = gen.orNull(0.2, () -> text(gen, 0, true, true));
        Long retry = gen.orNull(0.7, () -> gen.between(0, Long.MAX_VALUE));
        String comment = gen.orNull(0.7, () -> text(gen, 0, true, true));
        boolean empty = id == null && event == null && payload == null && retry == null && comment == null;
        return SseMessage.builder().id(id).event(event).data(empty ? "" : payload).retryMillis(retry)
                .comment(comment).build();
    }

    /**
     * A string of valid Unicode, rich in what the wire format cares about: line ends, colons, spaces,
     * field names, BOM, astral characters and the line separators that are not line ends here.
     *
     * @param minParts 1 for a string that is never empty
     * @param lineBreaks whether CR, LF and CRLF may occur
     * @param nul whether U+0000 may occur
     */
    private static String text(Generator gen, int minParts, boolean lineBreaks, boolean nul) {
        List<String> specials = lineBreaks ? SPECIALS_AND_LINE_BREAKS : SPECIALS;
        return String.join("", gen.list(minParts, 24, () -> switch (gen.weighted(4, 2, 3)) {
            case 0 -> String.valueOf((char) gen.between(' ', '~'));
            case 1 -> new String(Character.toChars(codePoint(gen, lineBreaks, nul)));
            default -> gen.oneOf(specials);
        }));
    }

    /** Any code point but surrogates, and CR, LF or NUL only where allowed. */
    private static int codePoint(Generator gen, boolean lineBreaks, boolean nul) {
        while (true) {
            int cp = gen.between(0, Character.MAX_CODE_POINT);
            boolean surrogate = cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
            if (!surrogate && (lineBreaks || (cp != '\r' && cp != '\n')) && (nul || cp != 0)) {
                return cp;
            }
        }
    }

    /** What a parser must report for a sequence of messages. */
    private static final class Expected {
        final List<SseEvent> events = new ArrayList<>();
        final List<Long> retries = new ArrayList<>();
        final List<String> comments = new ArrayList<>();
        /** Every callback in stream order, in {@link RecordingHandler#log}'s form. */
        final List<String> log = new ArrayList<>();
        String lastEventId = "";

        void add(SseMessage message) {
            if (message.comment() != null) {
                for (String line : normalizeLineEnds(message.comment()).split("\n", -1)) {
                    comments.add(line);
                    log.add("comment " + line);
                }
            }
            if (message.id() != null) {
                lastEventId = message.id();
            }
            if (message.retryMillis() != null) {
                retries.add(message.retryMillis());
                log.add("retry " + message.retryMillis());
            }
            if (message.data() != null) {
                String type = message.event() == null ? "message" : message.event();
                SseEvent event = new SseEvent(lastEventId, type, normalizeLineEnds(message.data()));
                events.add(event);
                log.add("event " + event);
            }
        }

        private static String normalizeLineEnds(String text) {
            return text.replace("\r\n", "\n").replace('\r', '\n');
        }
    }
}
