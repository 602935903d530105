package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;

import java.util.List;

/** {@link ConnectionFloodTest} against WebFlux on Reactor Netty. */
class ConnectionFloodWebFluxTest extends ConnectionFloodTest {

    @Override
    List<String> stackArguments() {
        return List.of("--spring.main.web-application-type=reactive",
                "--spring.autoconfigure.exclude=" + WebFluxStack.EXCLUDES);
    }

    @Override
    String stack() {
        return "netty";
    }
}
