package dev.sseboot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** What encoding and parsing promise for any input, not only the examples someone thought of. */
class SseWirePropertiesTest {

    @Property(tries = 10000)
    void parsingAnEncodedMessageGivesItBack(@ForAll("messages") SseMessage message) throws IOException {
        WireRoundTrip.assertParsesBack(List.of(message), List.of(Integer.MAX_VALUE));
    }

    @Property(tries = 2000)
    void parsingEncodedMessagesFedInAnyChunksGivesThemBack(@ForAll("messageLists") List<SseMessage> messages,
            @ForAll("chunkSizes") List<Integer> chunkSizes) throws IOException {
        WireRoundTrip.assertParsesBack(messages, chunkSizes);
    }

    @Property(tries = 2000)
    void anyBytesInAnyChunksParseWithoutErrorAndAsIfFedAtOnce(@ForAll("streams") byte[] bytes,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        RecordingHandler whole = RecordingHandler.parse(bytes);

        RecordingHandler chunked = new RecordingHandler();
        SseParser parser = new SseParser(chunked);
        WireRoundTrip.feedInChunks(parser, bytes, chunkSizes);
        parser.end();

        assertThat(chunked.log).isEqualTo(whole.log);
    }

    @Provide
    Arbitrary<SseMessage> messages() {
        return WireRoundTrip.messages();
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
}
