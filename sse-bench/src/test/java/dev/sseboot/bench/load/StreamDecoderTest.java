package dev.sseboot.bench.load;

import dev.sseboot.core.wire.SseEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StreamDecoderTest {

    private final List<String> data = new ArrayList<>();
    private final StreamDecoder decoder = new StreamDecoder(event -> data.add(event.data()));

    @Test
    void readsAChunkedStreamWhoseHeadAndBodyShareAndSplitReads() {
        String response = "HTTP/1.1 200 \r\nContent-Type: text/event-stream;charset=UTF-8\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunk("retry: 3000\n\n") + chunk("id: 7\ndata: 7 1700000000000\n\n");
        for (int split = 1; split < response.length(); split++) {
            data.clear();
            StreamDecoder fresh = new StreamDecoder(event -> data.add(event.data()));
            boolean openedFirst = feed(fresh, response.substring(0, split));
            boolean openedSecond = feed(fresh, response.substring(split));
            assertThat(openedFirst ^ openedSecond).as("opened once, split at %d", split).isTrue();
            assertThat(data).as("split at %d", split).containsExactly("7 1700000000000");
        }
    }

    @Test
    void readsAStreamThatEndsWithTheConnection() {
        assertThat(feed(decoder, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\ndata: 1 2\n\ndata: 2 3\n\n")).isTrue();
        assertThat(data).containsExactly("1 2", "2 3");
        assertThat(decoder.ended()).isFalse();
    }

    @Test
    void refusesWhatIsNotAnEventStream() {
        assertThatIllegalStateException()
                .isThrownBy(() -> feed(decoder, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 3\r\n\r\n"))
                .withMessage("HTTP 503");
        assertThatIllegalStateException()
                .isThrownBy(() -> feed(new StreamDecoder(this::ignore), "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"))
                .withMessage("Content-Type text/html");
    }

    private void ignore(SseEvent event) {
        throw new AssertionError("no event expected: " + event);
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private static boolean feed(StreamDecoder decoder, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return decoder.feed(bytes, 0, bytes.length);
    }
}
