package dev.sseboot.web;

import dev.sseboot.core.wire.SseFrame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * One stream's gzip state (eventsource's {@code Gzip}). Each batch is compressed and sync-flushed,
 * so a client can decode every event as soon as it arrives instead of waiting for the deflater to
 * fill a block. Deflate state is per stream, so a compressed stream costs its own encoding and a
 * few hundred KB of native memory: that is why gzip is off by default. Both web stacks use it; a
 * stream owns one and uses it from one thread at a time.
 */
public final class GzipFrames {

    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(512);
    private final GZIPOutputStream gzip;

    public GzipFrames() {
        try {
            gzip = new GZIPOutputStream(compressed, 4096, true);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write to memory", e);
        }
    }

    /** The bytes that carry these frames, the gzip header first time round. */
    public byte[] compress(List<SseFrame> frames) throws IOException {
        for (SseFrame frame : frames) {
            frame.writeTo(gzip);
        }
        gzip.flush();
        return drain();
    }

    /** The gzip trailer; releases the deflater's native memory. */
    public byte[] finish() throws IOException {
        gzip.close();
        return drain();
    }

    private byte[] drain() {
        byte[] bytes = compressed.toByteArray();
        compressed.reset();
        return bytes;
    }
}
