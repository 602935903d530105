package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link StreamEndpointTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class StreamEndpointWebFluxTest extends StreamEndpointTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theStreamsAreServedByReactorNetty() {
        assertThat(context.getWebServer()).isInstanceOf(NettyWebServer.class);
    }
}
