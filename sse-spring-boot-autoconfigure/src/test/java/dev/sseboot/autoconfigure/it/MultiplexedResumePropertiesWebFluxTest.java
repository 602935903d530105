package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link MultiplexedResumePropertiesTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class MultiplexedResumePropertiesWebFluxTest extends MultiplexedResumePropertiesTest {
}
