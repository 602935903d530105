package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link ShutdownTest} on Spring MVC and Jetty. */
class ShutdownJettyTest extends ShutdownTest {

    @Override
    String[] stack() {
        return new String[] {"--spring.main.web-application-type=servlet",
                "--spring.autoconfigure.exclude=" + JettyStack.EXCLUDES};
    }
}
