package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;

/** {@link BrokerOutageTest} on Spring MVC and Jetty. */
@JettyStack
class BrokerOutageJettyTest extends BrokerOutageTest {
}
