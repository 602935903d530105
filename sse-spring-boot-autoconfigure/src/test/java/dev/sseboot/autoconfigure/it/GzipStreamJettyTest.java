package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link GzipStreamTest} on Spring MVC and Jetty. */
@JettyStack
class GzipStreamJettyTest extends GzipStreamTest {
}
