package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;

import java.util.List;

/** {@link StreamTokenTest} on WebFlux, Reactor Netty (with its access log) and ServerHttpSecurity. */
@WebFluxStack
class StreamTokenWebFluxTest extends StreamTokenTest {

    /** Reactor Netty's access log goes to the captured output. */
    @Override
    String accessLog() {
        return "";
    }

    @Override
    List<String> requestLogLines(String pathAndQuery) {
        // HttpWebHandlerAdapter and Reactor Netty's access log.
        return List.of("HTTP GET \"" + pathAndQuery + "\"", "\"GET " + pathAndQuery + " HTTP/1.1\"");
    }
}
