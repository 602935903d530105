package dev.sseboot.core.fuzz;

import dev.sseboot.core.seeded.Seeds;
import dev.sseboot.core.wire.WireRoundTrip;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The soak-size run of encoder-parser equivalence: what the encoder writes, the parser reads back
 * exactly, for 100,000 single messages and 20,000 streams of several messages. The verify build
 * runs the 10,000-message version in {@code dev.sseboot.core.wire.SseWirePropertiesTest}.
 */
@Tag("soak")
class EncoderParserSoakTest {

    @Test
    void everyEncodedMessageParsesBackExactly() {
        Seeds.check(100_000, gen -> WireRoundTrip.assertParsesBack(List.of(WireRoundTrip.message(gen)), List.of(1 << 16)));
    }

    @Test
    void everyEncodedStreamParsesBackExactlyInAnyChunks() {
        Seeds.check(20_000, gen -> WireRoundTrip.assertParsesBack(gen.list(1, 12, () -> WireRoundTrip.message(gen)),
                List.of(gen.between(1, 64))));
    }
}
