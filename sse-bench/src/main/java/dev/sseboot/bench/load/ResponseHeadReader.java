package dev.sseboot.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Collects an HTTP/1.1 response head (status line and header fields, up to the blank line), which
 * may arrive split over any number of reads, and answers the few questions a stream reader has:
 * the status, the content type and whether the body is chunked.
 */
final class ResponseHeadReader {

    /** A head larger than this is not an event stream's; refuse instead of buffering without end. */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    private byte[] bytes = new byte[512];
    private int length;
    private String head;

    /**
     * Takes the next bytes of the response.
     *
     * @return how many bytes of {@code buffer} belong to the head once it is complete (the body
     *     starts right after them), or -1 when all were taken and the head continues
     * @throws IllegalStateException when the head exceeds {@link #MAX_HEAD_BYTES}
     */
    int feed(byte[] buffer, int offset, int count) {
        // The blank line may straddle the previous read, so the search starts up to 3 bytes back.
        int searchFrom = Math.max(0, length - 3);
        int taken = Math.min(count, MAX_HEAD_BYTES - length);
        if (length + taken > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(MAX_HEAD_BYTES, Math.max(length + taken, bytes.length * 2)));
        }
        System.arraycopy(buffer, offset, bytes, length, taken);
        int before = length;
        length += taken;
        for (int i = searchFrom; i + 3 < length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                head = new String(bytes, 0, i, StandardCharsets.ISO_8859_1);
                return i + 4 - before;
            }
        }
        if (length == MAX_HEAD_BYTES) {
            throw new IllegalStateException("response head longer than " + MAX_HEAD_BYTES + " bytes");
        }
        return -1;
    }

    int status() {
        String statusLine = lines()[0];
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IllegalStateException("not an HTTP/1.x status line: '" + statusLine + "'");
        }
        return Integer.parseInt(parts[1]);
    }

    /** The value of the first header field with this name (case-insensitive), or {@code null}. */
    String header(String name) {
        String[] lines = lines();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    boolean chunked() {
        String encoding = header("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private String[] lines() {
        if (head == null) {
            throw new IllegalStateException("the response head is not complete yet");
        }
        return head.split("\r\n");
    }
}
