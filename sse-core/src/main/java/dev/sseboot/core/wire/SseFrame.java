package dev.sseboot.core.wire;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One encoded event: the exact UTF-8 bytes written to every client, built once per publish and
 * shared by all subscribers (never copied or re-encoded per client).
 */
public final class SseFrame {

    private final byte[] bytes;
    private final @Nullable String id;

    SseFrame(byte[] bytes, @Nullable String id) {
        this.bytes = bytes;
        this.id = id;
    }

    /** The id of the message this frame carries, or {@code null}. */
    public @Nullable String id() {
        return id;
    }

    public int size() {
        return bytes.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** A read-only view of the bytes; no copy is made. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * The frames' bytes one after the other, for a transport that writes a batch as one buffer: a
     * copy per client, but one write and one flush for the whole batch, where writing the shared
     * frames one by one would make the server aggregate them in a response buffer of its own.
     */
    public static byte[] concat(List<SseFrame> frames) {
        if (frames.size() == 1) {
            return frames.get(0).bytes.clone();
        }
        int size = 0;
        for (SseFrame frame : frames) {
            size += frame.bytes.length;
        }
        byte[] joined = new byte[size];
        int at = 0;
        for (SseFrame frame : frames) {
            System.arraycopy(frame.bytes, 0, joined, at, frame.bytes.length);
            at += frame.bytes.length;
        }
        return joined;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
