package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;

import java.util.List;

/** {@link ConnectionFloodTest} against Spring MVC on Jetty. */
class ConnectionFloodJettyTest extends ConnectionFloodTest {

    @Override
    List<String> stackArguments() {
        return List.of("--spring.main.web-application-type=servlet",
                "--spring.autoconfigure.exclude=" + JettyStack.EXCLUDES);
    }

    @Override
    String stack() {
        return "jetty";
    }
}
