package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link StreamLimitsTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class StreamLimitsWebFluxTest extends StreamLimitsTest {
}
