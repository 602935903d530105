package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link Http2CleartextStreamsTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class Http2CleartextStreamsWebFluxTest extends Http2CleartextStreamsTest {
}
