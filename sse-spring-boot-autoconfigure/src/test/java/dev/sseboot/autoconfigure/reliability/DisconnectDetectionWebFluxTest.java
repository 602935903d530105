package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;

/** {@link DisconnectDetectionTest} on WebFlux and Reactor Netty: the closed channel cancels the response. */
@WebFluxStack
class DisconnectDetectionWebFluxTest extends DisconnectDetectionTest {

    @Override
    String stack() {
        return "netty";
    }
}
