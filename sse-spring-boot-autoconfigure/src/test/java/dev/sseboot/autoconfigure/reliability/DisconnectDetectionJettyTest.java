package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link DisconnectDetectionTest} on Spring MVC and Jetty. */
@JettyStack
class DisconnectDetectionJettyTest extends DisconnectDetectionTest {

    @Override
    String stack() {
        return "jetty";
    }
}
