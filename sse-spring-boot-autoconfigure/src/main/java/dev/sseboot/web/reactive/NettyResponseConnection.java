package dev.sseboot.web.reactive;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;

/**
 * A stream's connection on Reactor Netty. Netty marks a channel unwritable once more than its high
 * water mark (64 KB by default) waits to go out, and writable again below the low one; a stream
 * hands over its next batch only while the channel is writable, so a client that stops reading
 * holds one batch and those bytes at most, never the backlog. Only loaded when Reactor Netty is present.
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
    void abort() {
        connection.dispose();
    }
}
