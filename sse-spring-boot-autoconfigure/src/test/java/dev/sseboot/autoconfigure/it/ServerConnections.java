package dev.sseboot.autoconfigure.it;

import io.netty.channel.socket.SocketChannel;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The TCP connections the test's web server holds, as the server itself counts them, so that a test
 * can tell how many connections its client really opened.
 */
interface ServerConnections {

    /** Connections the server has accepted and not yet closed. */
    long open();

    /** Imported by a test to get the {@link ServerConnections} of its stack. */
    @Configuration(proxyBeanMethods = false)
    class Counting {

        /**
         * Tomcat's own count of the places of {@code maxConnections} in use: one per open socket, and
         * one its acceptor takes before it waits for the next connection.
         */
        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        ServerConnections tomcatConnections(WebServerApplicationContext context) {
            return () -> ((AbstractProtocol<?>) ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector()
                    .getProtocolHandler()).getConnectionCount() - 1;
        }

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
        NettyConnections nettyConnections() {
            return new NettyConnections();
        }
    }

    /** Counts the sockets Reactor Netty accepts (HTTP/2 streams are child channels of one, not sockets). */
    final class NettyConnections implements ServerConnections, NettyServerCustomizer {

        private final AtomicLong open = new AtomicLong();

        @Override
        public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
            return server.doOnChannelInit((observer, channel, remoteAddress) -> {
                if (channel instanceof SocketChannel) {
                    open.incrementAndGet();
                    channel.closeFuture().addListener(closed -> open.decrementAndGet());
                }
            });
        }

        @Override
        public long open() {
            return open.get();
        }
    }
}
