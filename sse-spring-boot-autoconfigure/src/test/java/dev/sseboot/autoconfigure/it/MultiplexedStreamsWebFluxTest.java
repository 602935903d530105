package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link MultiplexedStreamsTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class MultiplexedStreamsWebFluxTest extends MultiplexedStreamsTest {
}
