package dev.sseboot.bench.load;

/**
 * Decodes an HTTP/1.1 chunked body in place: the chunk-size lines and CRLFs are squeezed out of the
 * buffer and the data bytes moved to its front, so a stream reader needs no second buffer. Servlet
 * containers (Tomcat) send event streams chunked because they have no length.
 */
final class ChunkedDecoder {

    /** Far more than any frame; a larger size means the stream is corrupt. */
    private static final long MAX_CHUNK_SIZE = 1L << 30;

    private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, FINISHED }

    private State state = State.SIZE;
    private long size;
    private boolean sizeHasDigit;
    private long remaining;

    /**
     * Decodes {@code buffer[offset, offset + count)} in place.
     *
     * @return how many data bytes now start at {@code offset}
     * @throws IllegalStateException when the bytes are not a valid chunked body
     */
    int decode(byte[] buffer, int offset, int count) {
        int out = offset;
        int end = offset + count;
        int i = offset;
        while (i < end && state != State.FINISHED) {
            if (state == State.DATA) {
                int n = (int) Math.min(remaining, end - i);
                System.arraycopy(buffer, i, buffer, out, n);
                out += n;
                i += n;
                remaining -= n;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            step(buffer[i++]);
        }
        return out - offset;
    }

    /** The last (zero-size) chunk arrived: the server ended the response. */
    boolean finished() {
        return state == State.FINISHED;
    }

    private void step(byte b) {
        switch (state) {
            case SIZE -> size(b);
            case EXTENSION -> {
                if (b == '\r') {
                    state = State.SIZE_LF;
                }
            }
            case SIZE_LF -> {
                expect(b, '\n');
                if (size == 0) {
                    // Trailer fields may follow the last chunk; a stream reader has no use for them.
                    state = State.FINISHED;
                } else {
                    remaining = size;
                    state = State.DATA;
                }
            }
            case DATA_CR -> {
                expect(b, '\r');
                state = State.DATA_LF;
            }
            case DATA_LF -> {
                expect(b, '\n');
                size = 0;
                sizeHasDigit = false;
                state = State.SIZE;
            }
            default -> throw new IllegalStateException("unexpected chunk decoder state " + state);
        }
    }

    private void size(byte b) {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            size = size * 16 + digit;
            sizeHasDigit = true;
            if (size > MAX_CHUNK_SIZE) {
                throw new IllegalStateException("chunk size over " + MAX_CHUNK_SIZE);
            }
        } else if (sizeHasDigit && (b == ';' || b == ' ' || b == '\t')) {
            state = State.EXTENSION;
        } else if (sizeHasDigit && b == '\r') {
            state = State.SIZE_LF;
        } else {
            throw new IllegalStateException("invalid chunk size byte 0x" + Integer.toHexString(b & 0xFF));
        }
    }

    private static void expect(byte actual, char expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected 0x" + Integer.toHexString(expected) + " in chunk framing, got 0x"
                    + Integer.toHexString(actual & 0xFF));
        }
    }
}
