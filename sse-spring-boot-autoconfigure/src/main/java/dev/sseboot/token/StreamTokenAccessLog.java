package dev.sseboot.token;

import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;
import reactor.netty.http.server.logging.AccessLogFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Reactor Netty's access log line, with the stream token cut out of the URI. Reactor Netty logs the
 * request as the client sent it, before WebFlux sees it, so the token has to be cut out of the line
 * itself. With {@code -Dreactor.netty.http.server.accessLogEnabled=true} the starter uses this
 * format; an application that turns the access log on in its own {@code NettyServerCustomizer}
 * passes it: {@code server.accessLog(true, StreamTokenAccessLog.FACTORY)}.
 */
public final class StreamTokenAccessLog {

    /** Reactor Netty's default access log format, with the token cut out of the URI. */
    public static final AccessLogFactory FACTORY = StreamTokenAccessLog::line;

    /** Reactor Netty's default: address, user, time, request line, status, length, duration. */
    private static final String FORMAT = "{} - {} [{}] \"{} {} {}\" {} {} {}";

    private StreamTokenAccessLog() {
    }

    private static AccessLog line(AccessLogArgProvider args) {
        return AccessLog.create(FORMAT, address(args.remoteAddress()), args.user(), args.zonedDateTime(),
                args.method(), withoutToken(args.uri()), args.protocol(), args.status(),
                args.contentLength() > -1 ? args.contentLength() : "-", args.duration());
    }

    private static String withoutToken(CharSequence uri) {
        String text = uri.toString();
        int query = text.indexOf('?');
        if (query < 0) {
            return text;
        }
        String rest = TokenQuery.without(text.substring(query + 1));
        return text.substring(0, query) + (rest == null ? "" : "?" + rest);
    }

    private static Object address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getHostString() : address;
    }
}
