package dev.sseboot.web.reactive;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;

/**
 * What a stream needs of its connection beyond the response: whether the server can take more
 * bytes now (its back-pressure), and closing it at once. On Reactor Netty these are the channel's
 * writability and the channel itself; on other servers a response only has its demand, and ends by
 * completing.
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

    /** Closes the connection now, dropping whatever is not written yet. */
    void abort() {
    }
}
