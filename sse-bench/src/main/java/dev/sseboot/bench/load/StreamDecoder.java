package dev.sseboot.bench.load;

import dev.sseboot.core.wire.SseParser;

import java.util.Locale;

/**
 * Turns the bytes of one HTTP response into events: the head (which must be a 200 with
 * {@code text/event-stream}), then a chunked or close-delimited body, then sse-core's parser.
 * Shared by the load generator's non-blocking connections and the blocking readiness probe.
 */
final class StreamDecoder {

    private ResponseHeadReader head = new ResponseHeadReader();
    private ChunkedDecoder chunked;
    private final SseParser parser;

    StreamDecoder(SseParser.Handler handler) {
        this.parser = new SseParser(handler);
    }

    /**
     * Parses the next bytes of the response; events reach the handler before this returns. The
     * buffer's contents are changed (chunk framing is removed in place).
     *
     * @return {@code true} when the response head completed in this call, that is the stream opened
     * @throws IllegalStateException when the response is not an event stream or breaks the framing
     */
    boolean feed(byte[] buffer, int offset, int count) {
        boolean opened = false;
        if (head != null) {
            int headBytes = head.feed(buffer, offset, count);
            if (headBytes < 0) {
                return false;
            }
            accept(head);
            chunked = head.chunked() ? new ChunkedDecoder() : null;
            // The head is only needed until the stream opens; 15,000 idle streams should not keep it.
            head = null;
            opened = true;
            offset += headBytes;
            count -= headBytes;
        }
        int body = chunked == null ? count : chunked.decode(buffer, offset, count);
        parser.feed(buffer, offset, body);
        return opened;
    }

    /** The server ended a chunked response (a close-delimited one ends when the socket does). */
    boolean ended() {
        return chunked != null && chunked.finished();
    }

    private static void accept(ResponseHeadReader head) {
        int status = head.status();
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status);
        }
        String type = head.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            throw new IllegalStateException("Content-Type " + type);
        }
    }
}
