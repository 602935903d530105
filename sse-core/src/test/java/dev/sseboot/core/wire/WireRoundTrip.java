package dev.sseboot.core.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encoder-parser equivalence, shared by the verify-sized properties ({@link SseWirePropertiesTest})
 * and the soak-sized ones: the generated messages, and the check that what the encoder writes the
 * parser reads back exactly.
 */
public final class WireRoundTrip {

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
    public static Arbitrary<SseMessage> messages() {
        Arbitrary<String> ids = text(false, false).filter(s -> !s.isEmpty()).injectNull(0.4);
        Arbitrary<String> events = text(false, true).filter(s -> !s.isEmpty()).injectNull(0.4);
        Arbitrary<String> data = text(true, true).injectNull(0.2);
        Arbitrary<Long> retries = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.7);
        Arbitrary<String> comments = text(true, true).injectNull(0.7);
        return Combinators.combine(ids, events, data, retries, comments).as((id, event, payload, retry, comment) -> {
            boolean empty = id == null && event == null && payload == null && retry == null && comment == null;
            return SseMessage.builder().id(id).event(event).data(empty ? "" : payload).retryMillis(retry)
                    .comment(comment).build();
        });
    }

    /**
     * Strings of valid Unicode, rich in what the wire format cares about: line ends, colons, spaces,
     * field names, BOM, astral characters and the line separators that are not line ends here.
     *
     * @param lineBreaks whether CR, LF and CRLF may occur
     * @param nul whether U+0000 may occur
     */
    private static Arbitrary<String> text(boolean lineBreaks, boolean nul) {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .filter(cp -> lineBreaks || (cp != '\r' && cp != '\n'))
                .filter(cp -> nul || cp != 0)
                .map(cp -> new String(Character.toChars(cp)));
        Arbitrary<String> ascii = Arbitraries.chars().range(' ', '~').map(String::valueOf);
        List<String> specials = new ArrayList<>(List.of(" ", "  ", ":", ": ", "data: ", "data: x", "id:", "id: 7",
                "event: x", "event: evil", "retry: 1", "\uFEFF", "\u00e9", "\ud83d\ude00", "\u2028", "\u0085"));
        if (lineBreaks) {
            specials.addAll(List.of("\r", "\n", "\r\n", "\n\n", "\r\r", "\n\r"));
        }
        return Arbitraries.frequencyOf(Tuple.of(4, ascii), Tuple.of(2, codePoints), Tuple.of(3, Arbitraries.of(specials)))
                .list().ofMaxSize(24).map(parts -> String.join("", parts));
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
