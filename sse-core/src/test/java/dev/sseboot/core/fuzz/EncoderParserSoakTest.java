package dev.sseboot.core.fuzz;

import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.core.wire.WireRoundTrip;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.io.IOException;
import java.util.List;

/**
 * The soak-size run of encoder-parser equivalence: what the encoder writes, the parser reads back
 * exactly, for 100,000 single messages and 20,000 streams of several messages. The verify build
 * runs the 10,000-message version in {@code dev.sseboot.core.wire.SseWirePropertiesTest}.
 */
@Tag("soak")
class EncoderParserSoakTest {

    @Property(tries = 100_000, generation = GenerationMode.RANDOMIZED)
    void everyEncodedMessageParsesBackExactly(@ForAll("messages") SseMessage message) throws IOException {
        WireRoundTrip.assertParsesBack(List.of(message), List.of(1 << 16));
    }

    @Property(tries = 20_000, generation = GenerationMode.RANDOMIZED)
    void everyEncodedStreamParsesBackExactlyInAnyChunks(@ForAll("streamsOfMessages") List<SseMessage> messages,
            @ForAll("chunk") int chunk) throws IOException {
        WireRoundTrip.assertParsesBack(messages, List.of(chunk));
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
        return WireRoundTrip.messages();
    }
}
