package dev.sseboot.autoconfigure.it;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link Http2TlsStreamsTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class Http2TlsStreamsWebFluxTest extends Http2TlsStreamsTest {
}
