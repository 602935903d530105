package dev.sseboot.web.tomcat;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11Nio2Protocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LeanTomcatConnectorTest {

    @Test
    void theSocketBuffersTheResponseBufferAndTheResponseHeaderBufferShrinkAndTheRequestHeaderBufferStays() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new LeanTomcatConnector(false).customize(factory);

        Connector connector = connectorOf(factory);

        assertThat(connector.getProtocolHandler()).isInstanceOf(LeanHttp11Protocol.class);
        assertThat(connector.getProtocolHandler().getDesiredBufferSize()).isEqualTo(2048);
        assertThat(connector.getProperty("socket.appReadBufSize")).isEqualTo("2048");
        assertThat(connector.getProperty("socket.appWriteBufSize")).isEqualTo("2048");
        AbstractHttp11Protocol<?> http11 = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
        assertThat(http11.getMaxHttpResponseHeaderSize()).isEqualTo(4096);
        assertThat(http11.getMaxHttpRequestHeaderSize()).isEqualTo(new Http11NioProtocol().getMaxHttpRequestHeaderSize());
    }

    @Test
    void aResponseHeaderSizeTheApplicationSetStays() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new LeanTomcatConnector(true).customize(factory);

        AbstractHttp11Protocol<?> http11 = (AbstractHttp11Protocol<?>) connectorOf(factory).getProtocolHandler();

        assertThat(http11.getMaxHttpResponseHeaderSize()).isEqualTo(8192);
    }

    @Test
    void aProtocolTheApplicationChoseStaysAndOnlyItsSocketBuffersShrink() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setProtocol(Http11Nio2Protocol.class.getName());
        new LeanTomcatConnector(false).customize(factory);

        Connector connector = connectorOf(factory);

        assertThat(connector.getProtocolHandler()).isExactlyInstanceOf(Http11Nio2Protocol.class);
        assertThat(connector.getProperty("socket.appReadBufSize")).isEqualTo("2048");
    }

    /** The connector the factory would make: its protocol, and its connector customizers applied. */
    private static Connector connectorOf(TomcatServletWebServerFactory factory) {
        Connector connector = new Connector(factory.getProtocol());
        factory.getConnectorCustomizers().forEach(customizer -> customizer.customize(connector));
        return connector;
    }
}
