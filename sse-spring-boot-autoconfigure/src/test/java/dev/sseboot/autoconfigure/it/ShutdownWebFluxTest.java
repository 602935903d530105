package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link ShutdownTest} on WebFlux and Reactor Netty. */
class ShutdownWebFluxTest extends ShutdownTest {

    @Override
    String[] stack() {
        return new String[] {"--spring.main.web-application-type=reactive",
                "--spring.autoconfigure.exclude=" + WebFluxStack.EXCLUDES};
    }
}
