package dev.sseboot.core.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseMessageSizeTest {

    @Test
    void theSizeIsTheUtf8BytesOfIdEventDataAndComment() {
        SseMessage message = SseMessage.builder().id("7").event("price").data("héllo").comment("c").build();

        assertThat(message.size()).isEqualTo(1 + 5 + 6 + 1);
        assertThat(SseMessage.builder().retry(java.time.Duration.ofSeconds(1)).build().size()).isZero();
    }

    @Test
    void everyKindOfCharacterCountsAsTheEncoderWritesIt() {
        for (String data : List.of("", "ascii", "ÿ", "€", "漢字", "😀", "a\uD800b", "\uDC00", "x\uD83D", "\r\n\0")) {
            assertThat(SseMessage.of(data).size()).as("%s", data)
                    .isEqualTo(data.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
