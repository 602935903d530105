package dev.sseboot.web.reactive;

import dev.sseboot.core.wire.SseFrame;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stream needs of its connection beyond the response: whether the server can take more
 * bytes now (its back-pressure), when a batch has been written, and closing it at once. On Reactor
 * Netty these are the channel's writability, the release of the batch's buffer and the channel
 * itself; on other servers a response only has its demand, and ends by completing.
 */
class ResponseConnection {

    private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.NettyOutbound",
            ResponseConnection.class.getClassLoader());

    /** The connection of this response. */
    static ResponseConnection of(ServerHttpResponse response) {
        if (REACTOR_NETTY) {
            ResponseConnection netty = NettyResponseConnection.of(ServerHttpResponseDecorator.<Object>getNativeResponse(response));
            if (netty != null) {
                return netty;
            }
        }
        return new ResponseConnection();
    }

    /** Whether the server takes more bytes now without queueing them beyond its own bound. */
    boolean isWritable() {
        return true;
    }

    /** Calls the listener whenever {@link #isWritable()} may have changed. */
    void onWritabilityChange(Runnable listener) {
    }

    /**
     * The batch as the body's next element. {@code written} runs once the server has written it to
     * the connection or dropped it; a server that cannot tell runs it at once. The frames are
     * wrapped, not copied (a frame is shared by every subscriber), and not joined: a joined buffer
     * would be a pooled composite that must be released, which a batch the server drops unwritten
     * (its client gone) would leak; wrapped heap bytes need no release.
     */
    Publisher<DataBuffer> batch(DataBufferFactory buffers, List<SseFrame> frames, Runnable written) {
        written.run();
        if (frames.size() == 1) {
            return Mono.just(buffers.wrap(frames.get(0).asByteBuffer()));
        }
        List<DataBuffer> wrapped = new ArrayList<>(frames.size());
        for (SseFrame frame : frames) {
            wrapped.add(buffers.wrap(frame.asByteBuffer()));
        }
        return Flux.fromIterable(wrapped);
    }

    /** These bytes as the body's next element; {@code written} runs as for {@link #batch(DataBufferFactory, List, Runnable)}. */
    Publisher<DataBuffer> batch(DataBufferFactory buffers, byte[] bytes, Runnable written) {
        written.run();
        return Mono.just(buffers.wrap(bytes));
    }

    /** Closes the connection now, dropping whatever is not written yet. */
    void abort() {
    }
}
