package dev.sseboot.web.reactive;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;

/**
 * Closes a response's connection at once. A response can only complete after what was written
 * before, which a client that stopped reading never takes, so the connection itself must go. On
 * Reactor Netty that is the channel; on other servers the response just completes.
 */
final class ConnectionAbort {

    private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.NettyOutbound",
            ConnectionAbort.class.getClassLoader());

    private ConnectionAbort() {
    }

    static Runnable of(ServerHttpResponse response) {
        if (REACTOR_NETTY) {
            Runnable netty = Netty.abort(ServerHttpResponseDecorator.getNativeResponse(response));
            if (netty != null) {
                return netty;
            }
        }
        return () -> { };
    }

    /** Only loaded when Reactor Netty is present. */
    private static final class Netty {

        static Runnable abort(Object nativeResponse) {
            if (nativeResponse instanceof NettyOutbound outbound) {
                return () -> outbound.withConnection(Connection::dispose);
            }
            return null;
        }
    }
}
