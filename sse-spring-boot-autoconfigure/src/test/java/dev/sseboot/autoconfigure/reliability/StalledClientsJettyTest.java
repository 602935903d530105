package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link StalledClientsTest} on Spring MVC and Jetty. */
@JettyStack
class StalledClientsJettyTest extends StalledClientsTest {
}
