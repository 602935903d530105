package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link ObservabilityTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class ObservabilityWebFluxTest extends ObservabilityTest {
}
