package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link GzipStreamTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class GzipStreamWebFluxTest extends GzipStreamTest {
}
