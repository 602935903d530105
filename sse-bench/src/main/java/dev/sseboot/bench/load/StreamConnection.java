package dev.sseboot.bench.load;

import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.core.wire.SseEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One stream of the load generator: its socket, the decoder from bytes to bench events and the
 * stream's own counters. Used only by the generator's loop thread.
 */
final class StreamConnection {

    /** Receives every bench event a stream reads, with the wall-clock time its bytes were read. */
    interface EventSink {
        void onEvent(StreamConnection connection, BenchEvent event, long receivedNanos);
    }

    private final SocketChannel channel;
    private final boolean stallCandidate;
    private final StreamDecoder decoder;
    private final SequenceTracker sequence = new SequenceTracker();
    private final long connectStartNanos;
    private SelectionKey key;
    private ByteBuffer unsentRequest;
    private long openedNanos = -1;
    private long readNanos;
    private long bytesRead;
    private boolean stalled;
    private String closeReason;

    /** Counters of the current measurement window, reset when one begins. */
    long windowReceived;
    long windowOnTime;
    long gapsAtWindowStart;
    long duplicatesAtWindowStart;

    StreamConnection(SocketChannel channel, boolean stallCandidate, ByteBuffer request, EventSink sink,
            long connectStartNanos) {
        this.channel = channel;
        this.stallCandidate = stallCandidate;
        this.unsentRequest = request;
        this.connectStartNanos = connectStartNanos;
        this.decoder = new StreamDecoder(event -> onEvent(event, sink));
    }

    void register(SelectionKey key) {
        this.key = key;
    }

    SocketChannel channel() {
        return channel;
    }

    /**
     * Sends the request (after the connect completed); a socket that cannot take ~120 bytes at
     * once gets the rest when it becomes writable.
     */
    void sendRequest() throws IOException {
        channel.write(unsentRequest);
        if (unsentRequest.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
        } else {
            unsentRequest = null;
            key.interestOps(stalled ? 0 : SelectionKey.OP_READ);
        }
    }

    /**
     * Decodes bytes read from the socket at {@code receivedNanos}.
     *
     * @return {@code true} when the response head completed, that is the stream opened
     * @throws IllegalStateException when the server breaks the protocol
     */
    boolean onBytes(byte[] buffer, int count, long receivedNanos, long nowMonotonic) {
        readNanos = receivedNanos;
        bytesRead += count;
        boolean opened = decoder.feed(buffer, 0, count);
        if (opened) {
            openedNanos = nowMonotonic;
        }
        return opened;
    }

    private void onEvent(SseEvent event, EventSink sink) {
        BenchEvent bench = BenchEvent.parse(event.data());
        sequence.accept(bench.sequence());
        sink.onEvent(this, bench, readNanos);
    }

    /** Stops reading but keeps the socket open: the server's writes pile up in the kernel buffers. */
    void stall() {
        stalled = true;
        if (unsentRequest == null && !isClosed()) {
            key.interestOps(0);
        }
    }

    void resume() {
        stalled = false;
        if (unsentRequest == null && !isClosed()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Closes the socket; the first reason given is the one the stream keeps. */
    void close(String reason) throws IOException {
        if (closeReason == null) {
            closeReason = reason;
        }
        channel.close();
    }

    boolean isOpen() {
        return openedNanos >= 0;
    }

    boolean isClosed() {
        return closeReason != null;
    }

    /** Why the stream ended, or {@code null} while it is open. */
    String closeReason() {
        return closeReason;
    }

    boolean ended() {
        return decoder.ended();
    }

    boolean stallCandidate() {
        return stallCandidate;
    }

    boolean stalled() {
        return stalled;
    }

    long connectStartNanos() {
        return connectStartNanos;
    }

    long openedNanos() {
        return openedNanos;
    }

    long bytesRead() {
        return bytesRead;
    }

    SequenceTracker sequence() {
        return sequence;
    }
}
