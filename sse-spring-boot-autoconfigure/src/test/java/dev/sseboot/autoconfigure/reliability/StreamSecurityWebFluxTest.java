package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link StreamSecurityTest} on WebFlux, Reactor Netty and ServerHttpSecurity. */
@WebFluxStack
class StreamSecurityWebFluxTest extends StreamSecurityTest {
}
