package dev.sseboot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** What encoding and parsing promise for any input, not only the examples someone thought of. */
class SseWirePropertiesTest {

    @Property(tries = 10000)
    void parsingAnEncodedMessageGivesItBack(@ForAll("messages") SseMessage message) {
        RecordingHandler handler = new RecordingHandler();
        SseParser parser = new SseParser(handler);
        parser.feed(SseEncoder.encode(message).asByteBuffer());
        parser.end();

        Expected expected = new Expected();
        expected.add(message);
        assertThat(handler.events).isEqualTo(expected.events);
        assertThat(handler.retries).isEqualTo(expected.retries);
        assertThat(handler.comments).isEqualTo(expected.comments);
        assertThat(parser.lastEventId()).isEqualTo(expected.lastEventId);
    }

    @Property(tries = 2000)
    void parsingEncodedMessagesFedInAnyChunksGivesThemBack(@ForAll("messageLists") List<SseMessage> messages,
            @ForAll("chunkSizes") List<Integer> chunkSizes) throws IOException {
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
        assertThat(parser.lastEventId()).isEqualTo(expected.lastEventId);
    }

    @Property(tries = 2000)
    void anyBytesInAnyChunksParseWithoutErrorAndAsIfFedAtOnce(@ForAll("streams") byte[] bytes,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        RecordingHandler whole = RecordingHandler.parse(bytes);

        RecordingHandler chunked = new RecordingHandler();
        SseParser parser = new SseParser(chunked);
        feedInChunks(parser, bytes, chunkSizes);
        parser.end();

        assertThat(chunked.log).isEqualTo(whole.log);
    }

    private static void feedInChunks(SseParser parser, byte[] bytes, List<Integer> chunkSizes) {
        int offset = 0;
        for (int chunk = 0; offset < bytes.length; chunk++) {
            int size = Math.min(chunkSizes.get(chunk % chunkSizes.size()), bytes.length - offset);
            parser.feed(Arrays.copyOfRange(bytes, offset, offset + size), 0, size);
            offset += size;
        }
    }

    /** What a parser must report for a sequence of messages. */
    private static final class Expected {
        final List<SseEvent> events = new ArrayList<>();
        final List<Long> retries = new ArrayList<>();
        final List<String> comments = new ArrayList<>();
        String lastEventId = "";

        void add(SseMessage message) {
            if (message.comment() != null) {
                comments.addAll(Arrays.asList(normalizeLineEnds(message.comment()).split("\n", -1)));
            }
            if (message.id() != null) {
                lastEventId = message.id();
            }
            if (message.retryMillis() != null) {
                retries.add(message.retryMillis());
            }
            if (message.data() != null) {
                String type = message.event() == null ? "message" : message.event();
                events.add(new SseEvent(lastEventId, type, normalizeLineEnds(message.data())));
            }
        }

        private static String normalizeLineEnds(String text) {
            return text.replace("\r\n", "\n").replace('\r', '\n');
        }
    }

    @Provide
    Arbitrary<SseMessage> messages() {
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

    @Provide
    Arbitrary<List<SseMessage>> messageLists() {
        return messages().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(16);
    }

    /** Byte soup rich in what the parser reacts to: line ends, colons, spaces, field names, UTF-8 pieces. */
    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> interesting = Arbitraries.of("\r", "\n", "\r\n", ":", " ", "data", "event", "id", "retry",
                        "\u0000", "\uFEFF", "0", "42", "é", "😀")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4);
        return Arbitraries.frequencyOf(Tuple.of(3, interesting), Tuple.of(1, raw)).list().ofMaxSize(120)
                .map(parts -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    parts.forEach(out::writeBytes);
                    return out.toByteArray();
                });
    }

    /**
     * Strings of valid Unicode, rich in the characters the wire format cares about.
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
        List<String> specials = new ArrayList<>(List.of(" ", ":", "data: ", "id:", "event: x", "retry: 1", "\uFEFF",
                "é", "😀"));
        if (lineBreaks) {
            specials.addAll(List.of("\r", "\n", "\r\n", "\n\n", "\r\r"));
        }
        return Arbitraries.frequencyOf(Tuple.of(4, ascii), Tuple.of(2, codePoints), Tuple.of(3, Arbitraries.of(specials)))
                .list().ofMaxSize(20).map(parts -> String.join("", parts));
    }
}
