package dev.sseboot.core.wire;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
