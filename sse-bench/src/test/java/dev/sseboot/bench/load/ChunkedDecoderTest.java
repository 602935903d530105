package dev.sseboot.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ChunkedDecoderTest {

    private final ChunkedDecoder decoder = new ChunkedDecoder();

    @Test
    void removesTheFramingInPlace() {
        assertThat(decode("5\r\nhello\r\n7\r\n, world\r\n")).isEqualTo("hello, world");
        assertThat(decoder.finished()).isFalse();
    }

    @Test
    void continuesAcrossReadsSplitAnywhere() {
        String body = "1a\r\nid: 1\ndata: 0 1700000000\n\n\r\n3;ext=1\r\nabc\r\n0\r\n\r\n";
        for (int split = 0; split <= body.length(); split++) {
            ChunkedDecoder fresh = new ChunkedDecoder();
            String decoded = decode(fresh, body.substring(0, split)) + decode(fresh, body.substring(split));
            assertThat(decoded).as("split at %d", split).isEqualTo("id: 1\ndata: 0 1700000000\n\nabc");
            assertThat(fresh.finished()).isTrue();
        }
    }

    @Test
    void theLastChunkEndsTheBody() {
        assertThat(decode("2\r\nok\r\n0\r\n\r\n")).isEqualTo("ok");
        assertThat(decoder.finished()).isTrue();
    }

    @Test
    void rejectsBrokenFraming() {
        assertThatIllegalStateException().isThrownBy(() -> decode("zz\r\n"));
        assertThatIllegalStateException().isThrownBy(() -> decode(new ChunkedDecoder(), "2\r\nokX"));
    }

    private String decode(String text) {
        return decode(decoder, text);
    }

    private static String decode(ChunkedDecoder decoder, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int length = decoder.decode(bytes, 0, bytes.length);
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
