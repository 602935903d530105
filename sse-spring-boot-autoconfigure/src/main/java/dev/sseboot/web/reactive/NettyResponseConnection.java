package dev.sseboot.web.reactive;

import dev.sseboot.core.wire.SseFrame;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.netty.Connection;
import reactor.core.publisher.Mono;
import reactor.netty.NettyOutbound;

import java.util.List;

/**
 * A stream's connection on Reactor Netty. Netty marks a channel unwritable once more than its high
 * water mark (64 KB by default) waits to go out, and writable again below the low one; a stream
 * hands over its next batch only while the channel is writable, so a client that stops reading
 * holds one batch and those bytes at most, never the backlog.
 *
 * <p>A batch is one heap buffer that tells when Netty releases it, which Netty does once it has
 * written it to the socket (or dropped it with the connection): the stream hands over its next
 * batch only then, so while the event loop is busy a stream's events wait in its queue and go out
 * together, in one write, instead of as one write and flush each. Only loaded when Reactor Netty is
 * present.
 */
final class NettyResponseConnection extends ResponseConnection {

    private static final String HANDLER = "sseboot.writability";

    private final Connection connection;

    private NettyResponseConnection(Connection connection) {
        this.connection = connection;
    }

    static @Nullable ResponseConnection of(Object nativeResponse) {
        if (!(nativeResponse instanceof NettyOutbound outbound)) {
            return null;
        }
        Connection[] connection = new Connection[1];
        outbound.withConnection(c -> connection[0] = c);
        return connection[0] == null ? null : new NettyResponseConnection(connection[0]);
    }

    @Override
    boolean isWritable() {
        return connection.channel().isWritable();
    }

    @Override
    void onWritabilityChange(Runnable listener) {
        connection.addHandlerLast(HANDLER, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                listener.run();
                ctx.fireChannelWritabilityChanged();
            }
        });
    }

    @Override
    Publisher<DataBuffer> batch(DataBufferFactory buffers, List<SseFrame> frames, Runnable written) {
        return batch(buffers, SseFrame.concat(frames), written);
    }

    @Override
    Publisher<DataBuffer> batch(DataBufferFactory buffers, byte[] bytes, Runnable written) {
        if (!(buffers instanceof NettyDataBufferFactory netty)) {
            return super.batch(buffers, bytes, written);
        }
        return Mono.just(netty.wrap(new ReleaseSignallingBuffer(netty.getByteBufAllocator(), bytes, written)));
    }

    @Override
    void abort() {
        connection.dispose();
    }

    /** Heap bytes that run a callback when Netty releases them, that is once it wrote or dropped them. */
    private static final class ReleaseSignallingBuffer extends UnpooledHeapByteBuf {

        private final Runnable released;

        ReleaseSignallingBuffer(ByteBufAllocator allocator, byte[] bytes, Runnable released) {
            super(allocator, bytes, bytes.length);
            this.released = released;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            released.run();
        }
    }
}
