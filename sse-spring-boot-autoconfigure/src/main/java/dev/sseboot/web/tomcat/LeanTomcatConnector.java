package dev.sseboot.web.tomcat;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Shrinks the buffers Tomcat keeps for every connection, and so for every open stream
 * ({@code sse.tomcat.lean-connector=true}): each is allocated once per connection and kept while
 * it is open. Measured per idle stream (heap after a full GC, 2,000 streams, Tomcat 11):
 *
 * <ul>
 *   <li>the socket's read and write buffers ({@code socket.appReadBufSize}, {@code socket.appWriteBufSize}):
 *       8 KB each by default, {@value #SOCKET_BUFFER_SIZE} bytes here, 18 KB less; a large body takes
 *       more reads and writes;</li>
 *   <li>the response buffer: 8 KB of bytes and 8 K chars by default, {@value LeanHttp11Protocol#RESPONSE_BUFFER_SIZE}
 *       of each here ({@link LeanHttp11Protocol}, when the factory uses Tomcat's default protocol), 18 KB
 *       less; a larger response is sent chunked instead of with a Content-Length;</li>
 *   <li>the response header buffer: 8 KB by default, {@value #RESPONSE_HEADER_SIZE} bytes here, 4 KB less,
 *       unless the application set {@code server.tomcat.max-http-response-header-size} itself.</li>
 * </ul>
 *
 * Together 105 KB become 64 KB. The request header buffer stays as configured: 4 KB instead of 8
 * saved 2 KB, not worth answering requests with larger headers (cookies, bearer tokens) 400. The
 * request's own buffers (8 KB of bytes and 8 K chars) Tomcat does not let an application size.
 */
public class LeanTomcatConnector implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

    static final int SOCKET_BUFFER_SIZE = 2048;
    static final int RESPONSE_HEADER_SIZE = 4096;

    private static final Logger log = LoggerFactory.getLogger(LeanTomcatConnector.class);

    private final boolean responseHeaderSizeSet;

    /** @param responseHeaderSizeSet whether the application set the response header size itself */
    public LeanTomcatConnector(boolean responseHeaderSizeSet) {
        this.responseHeaderSizeSet = responseHeaderSizeSet;
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        if (TomcatWebServerFactory.DEFAULT_PROTOCOL.equals(factory.getProtocol())) {
            factory.setProtocol(LeanHttp11Protocol.class.getName());
        } else {
            log.info("sse.tomcat.lean-connector keeps the response buffer of protocol {}", factory.getProtocol());
        }
        factory.addConnectorCustomizers(this::shrink);
    }

    private void shrink(Connector connector) {
        connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_SIZE));
        connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_SIZE));
        if (!responseHeaderSizeSet && connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http11) {
            http11.setMaxHttpResponseHeaderSize(RESPONSE_HEADER_SIZE);
        }
    }

    /** After Boot's customizers, which set the response header size from its property. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
