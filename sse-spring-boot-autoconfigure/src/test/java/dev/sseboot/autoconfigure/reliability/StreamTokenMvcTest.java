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
        return List.of("FilterChainProxy - Securing GET " + pathAndQuery,
                "CommonsRequestLoggingFilter - Before request [GET " + pathAndQuery,
                "DispatcherServlet - GET \"" + pathAndQuery + "\"",
                "\"GET " + pathAndQuery + " HTTP/1.1\"");
    }
}
