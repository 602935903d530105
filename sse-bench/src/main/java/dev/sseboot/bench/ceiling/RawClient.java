package dev.sseboot.bench.ceiling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One connection of the raw server: first its request head, then a stream. A frame the socket only
 * partly took is kept as the client's backlog, so no client ever sees a torn event.
 */
final class RawClient {

    private static final int MAX_REQUEST_BYTES = 4096;

    private final SocketChannel channel;
    private ByteBuffer request = ByteBuffer.allocate(MAX_REQUEST_BYTES);
    private ByteBuffer backlog;
    /** Where this client sits in the server's list of streams, for O(1) removal; -1 while not streaming. */
    int index = -1;

    RawClient(SocketChannel channel) {
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }

    /**
     * Reads more of the request head.
     *
     * @return the request line once the head is complete, else {@code null}
     * @throws IOException when the client closed or sent a head too large for an event-stream GET
     */
    String readRequestLine() throws IOException {
        if (channel.read(request) < 0) {
            throw new IOException("client closed before its request was complete");
        }
        byte[] bytes = request.array();
        for (int i = 3; i < request.position(); i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                int lineEnd = 0;
                while (bytes[lineEnd] != '\r') {
                    lineEnd++;
                }
                String line = new String(bytes, 0, lineEnd, StandardCharsets.ISO_8859_1);
                request = null;
                return line;
            }
        }
        if (!request.hasRemaining()) {
            throw new IOException("request head over " + MAX_REQUEST_BYTES + " bytes");
        }
        return null;
    }

    boolean streaming() {
        return request == null;
    }

    /**
     * Writes one frame with one system call; a backlog goes first in the same (gathering) call.
     *
     * @return {@code false} when the frame was skipped because the backlog did not drain: the
     *     socket would block, and the ceiling never waits for one client
     */
    boolean offer(ByteBuffer frame) throws IOException {
        ByteBuffer view = frame.duplicate();
        if (backlog == null) {
            channel.write(view);
        } else {
            channel.write(new ByteBuffer[] {backlog, view});
            if (backlog.hasRemaining()) {
                return false;
            }
        }
        backlog = view.hasRemaining() ? ByteBuffer.allocate(view.remaining()).put(view).flip() : null;
        return true;
    }

    /** Writes the response head, which a fresh socket's empty send buffer always takes whole. */
    void writeHead(ByteBuffer head) throws IOException {
        ByteBuffer view = head.duplicate();
        channel.write(view);
        if (view.hasRemaining()) {
            throw new IOException("the socket did not take the " + head.remaining() + "-byte response head");
        }
    }
}
