package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link StreamSecurityTest} on Spring MVC and Jetty. */
@JettyStack
class StreamSecurityJettyTest extends StreamSecurityTest {
}
