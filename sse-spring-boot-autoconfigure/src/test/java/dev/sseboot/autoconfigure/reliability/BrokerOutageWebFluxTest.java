package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link BrokerOutageTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class BrokerOutageWebFluxTest extends BrokerOutageTest {
}
