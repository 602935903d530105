package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link AddressCapTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class AddressCapWebFluxTest extends AddressCapTest {
}
