package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link StalledClientsTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class StalledClientsWebFluxTest extends StalledClientsTest {
}
