package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link ClientScriptTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class ClientScriptWebFluxTest extends ClientScriptTest {
}
