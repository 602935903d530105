package dev.sseboot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sseboot.core.seeded.Generator;
import dev.sseboot.core.seeded.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What encoding and parsing promise for any input, not only the examples someone thought of. */
class SseWirePropertiesTest {

    /** What the byte soup is rich in: line ends, colons, spaces, field names, UTF-8 pieces. */
    private static final List<String> INTERESTING = List.of("\r", "\n", "\r\n", ":", " ", "data", "event", "id",
            "retry", "\u0000", "\uFEFF", "0", "42", "é", "😀");

    @Test
    void parsingAnEncodedMessageGivesItBack() {
        Seeds.check(10_000, gen ->
                WireRoundTrip.assertParsesBack(List.of(WireRoundTrip.message(gen)), List.of(Integer.MAX_VALUE)));
    }

    @Test
    void parsingEncodedMessagesFedInAnyChunksGivesThemBack() {
        Seeds.check(2_000, gen ->
                WireRoundTrip.assertParsesBack(gen.list(0, 12, () -> WireRoundTrip.message(gen)), chunkSizes(gen)));
    }

    @Test
    void anyBytesInAnyChunksParseWithoutErrorAndAsIfFedAtOnce() {
        Seeds.check(2_000, gen -> {
            byte[] bytes = stream(gen);
            RecordingHandler whole = RecordingHandler.parse(bytes);

            RecordingHandler chunked = new RecordingHandler();
            SseParser parser = new SseParser(chunked);
            WireRoundTrip.feedInChunks(parser, bytes, chunkSizes(gen));
            parser.end();

            assertThat(chunked.log).isEqualTo(whole.log);
        });
    }

    private static List<Integer> chunkSizes(Generator gen) {
        return gen.list(1, 16, () -> gen.between(1, 40));
    }

    /** Byte soup: mostly pieces the parser reacts to, some raw bytes. */
    private static byte[] stream(Generator gen) {
        return gen.concat(0, 120, () -> gen.weighted(3, 1) == 0
                ? gen.oneOf(INTERESTING).getBytes(StandardCharsets.UTF_8)
                : gen.bytes(1, 4));
    }
}
