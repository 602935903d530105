package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link BadHttpInputTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class BadHttpInputWebFluxTest extends BadHttpInputTest {
}
