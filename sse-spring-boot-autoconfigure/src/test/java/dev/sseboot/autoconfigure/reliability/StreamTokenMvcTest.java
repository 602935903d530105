package dev.sseboot.autoconfigure.reliability;

import java.io.IOException;
import java.util.List;

/** {@link StreamTokenTest} on Spring MVC, Tomcat (with its access log) and HttpSecurity. */
class StreamTokenMvcTest extends StreamTokenTest {

    @Override
    String accessLog() throws IOException {
        return tomcatAccessLog();
    }

    @Override
    List<String> requestLogLines(String pathAndQuery) {
        // FilterChainProxy, CommonsRequestLoggingFilter, DispatcherServlet and Tomcat's access log.
        return List.of("Securing GET " + pathAndQuery,
                "Before request [GET " + pathAndQuery,
                ": GET \"" + pathAndQuery + "\"",
                "\"GET " + pathAndQuery + " HTTP/1.1\"");
    }
}
