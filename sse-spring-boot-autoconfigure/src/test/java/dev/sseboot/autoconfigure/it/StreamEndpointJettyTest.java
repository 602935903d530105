package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.JettyStack;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link StreamEndpointTest} on Spring MVC and Jetty. */
@JettyStack
class StreamEndpointJettyTest extends StreamEndpointTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theStreamsAreServedByJetty() {
        assertThat(context.getWebServer()).isInstanceOf(JettyWebServer.class);
    }
}
