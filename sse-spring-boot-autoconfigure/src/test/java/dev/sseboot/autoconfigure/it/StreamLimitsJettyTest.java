package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link StreamLimitsTest} on Spring MVC and Jetty. */
@JettyStack
class StreamLimitsJettyTest extends StreamLimitsTest {
}
