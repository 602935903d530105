package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link ObservabilityTest} on Spring MVC and Jetty. */
@JettyStack
class ObservabilityJettyTest extends ObservabilityTest {
}
