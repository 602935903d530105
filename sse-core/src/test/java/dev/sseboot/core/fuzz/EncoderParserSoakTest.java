package dev.sseboot.core.fuzz;

import dev.sseboot.core.wire.SseEncoder;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.core.wire.SseParser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak-size run of encoder-parser equivalence: what the encoder writes, the parser reads back
 * exactly, for 100,000 single messages and 20,000 streams of several messages. The verify build
 * runs the 10,000-message version in {@code dev.sseboot.core.wire.SseWirePropertiesTest}.
 */
@Tag("soak")
class EncoderParserSoakTest {

    @Property(tries = 100_000, generation = GenerationMode.RANDOMIZED)
    void everyEncodedMessageParsesBackExactly(@ForAll("messages") SseMessage message) throws IOException {
        assertRoundTrip(List.of(message), 1 << 16);
    }

    @Property(tries = 20_000, generation = GenerationMode.RANDOMIZED)
    void everyEncodedStreamParsesBackExactlyInAnyChunks(@ForAll("streamsOfMessages") List<SseMessage> messages,
            @ForAll("chunk") int chunk) throws IOException {
        assertRoundTrip(messages, chunk);
    }

    private static void assertRoundTrip(List<SseMessage> messages, int chunk) throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        String lastEventId = "";
        for (SseMessage message : messages) {
            SseEncoder.encode(message).writeTo(stream);
            if (message.comment() != null) {
                for (String line : lines(message.comment())) {
                    expected.add("comment " + line);
                }
            }
            if (message.id() != null) {
                lastEventId = message.id();
            }
            if (message.retryMillis() != null) {
                expected.add("retry " + message.retryMillis());
            }
            if (message.data() != null) {
                expected.add("event " + new SseEvent(lastEventId, message.event() == null ? "message" : message.event(),
                        String.join("\n", lines(message.data()))));
            }
        }
        List<String> actual = new ArrayList<>();
        SseParser parser = new SseParser(new SseParser.Handler() {
            @Override
            public void onEvent(SseEvent event) {
                actual.add("event " + event);
            }

            @Override
            public void onRetry(long millis) {
                actual.add("retry " + millis);
            }

            @Override
            public void onComment(String text) {
                actual.add("comment " + text);
            }
        });
        byte[] bytes = stream.toByteArray();
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            int size = Math.min(chunk, bytes.length - offset);
            parser.feed(Arrays.copyOfRange(bytes, offset, offset + size), 0, size);
        }
        parser.end();
        assertThat(actual).isEqualTo(expected);
        assertThat(parser.lastEventId()).isEqualTo(lastEventId);
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    }

    @Provide
    Arbitrary<Integer> chunk() {
        return Arbitraries.integers().between(1, 64);
    }

    @Provide
    Arbitrary<List<SseMessage>> streamsOfMessages() {
        return messages().list().ofMinSize(1).ofMaxSize(12);
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

    /** Valid Unicode rich in what the wire format cares about: line ends, colons, spaces, field names, BOM, astral characters. */
    private static Arbitrary<String> text(boolean lineBreaks, boolean nul) {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .filter(cp -> lineBreaks || (cp != '\r' && cp != '\n'))
                .filter(cp -> nul || cp != 0)
                .map(cp -> new String(Character.toChars(cp)));
        List<String> specials = new ArrayList<>(List.of(" ", "  ", ":", ": ", "data: x", "id: 7", "event: evil",
                "retry: 1", "\uFEFF", "\u00e9", "\ud83d\ude00", "\u2028", "\u0085"));
        if (lineBreaks) {
            specials.addAll(List.of("\r", "\n", "\r\n", "\n\n", "\r\r", "\n\r"));
        }
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
                        Tuple.of(2, codePoints), Tuple.of(3, Arbitraries.of(specials)))
                .list().ofMaxSize(24).map(parts -> String.join("", parts));
    }
}
