package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;

import java.util.List;

/**
 * {@link StreamTokenTest} on Spring MVC, Jetty and HttpSecurity. Jetty's own request log is not
 * covered: the token is cut out of the request after Jetty has read it (see docs/RELIABILITY.md).
 */
@JettyStack
class StreamTokenJettyTest extends StreamTokenTest {

    @Override
    String accessLog() {
        return "";
    }

    @Override
    List<String> requestLogLines(String pathAndQuery) {
        // FilterChainProxy, CommonsRequestLoggingFilter and DispatcherServlet.
        return List.of("Securing GET " + pathAndQuery,
                "Before request [GET " + pathAndQuery,
                ": GET \"" + pathAndQuery + "\"");
    }
}
