package dev.sseboot.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFrameTest {

    private static SseFrame frame(String data) {
        return SseEncoder.encode(SseMessage.builder().data(data).build());
    }

    @Test
    void concatJoinsABatchInOrder() {
        byte[] joined = SseFrame.concat(List.of(frame("a"), frame("bc"), frame("d")));

        assertThat(new String(joined, StandardCharsets.UTF_8)).isEqualTo("data: a\n\ndata: bc\n\ndata: d\n\n");
    }

    @Test
    void concatNeverHandsOutTheSharedBytesOfAFrame() {
        SseFrame shared = frame("x");
        byte[] copy = SseFrame.concat(List.of(shared));
        copy[0] = 'X';

        assertThat(shared.toString()).isEqualTo("data: x\n\n");
    }
}
