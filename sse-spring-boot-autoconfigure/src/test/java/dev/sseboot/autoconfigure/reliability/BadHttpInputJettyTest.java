package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link BadHttpInputTest} on Spring MVC and Jetty. */
@JettyStack
class BadHttpInputJettyTest extends BadHttpInputTest {
}
