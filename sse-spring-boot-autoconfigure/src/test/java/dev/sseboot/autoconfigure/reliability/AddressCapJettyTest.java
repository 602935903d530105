package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link AddressCapTest} on Spring MVC and Jetty. */
@JettyStack
class AddressCapJettyTest extends AddressCapTest {
}
