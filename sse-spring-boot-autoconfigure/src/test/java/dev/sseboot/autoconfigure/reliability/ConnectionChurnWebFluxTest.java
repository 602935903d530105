package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.WebFluxStack;
import org.springframework.boot.reactor.netty.NettyWebServer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ConnectionChurnTest} on WebFlux and Reactor Netty. */
@WebFluxStack
class ConnectionChurnWebFluxTest extends ConnectionChurnTest {

    /** Reactor Netty ends a stream with its connection; no request outlives it. */
    @Override
    void assertTheServerHoldsNoStream() {
        assertThat(context.getWebServer()).isInstanceOf(NettyWebServer.class);
    }

    /** Reactor Netty has no such race: a stream that loses its client ends quietly, always. */
    @Override
    boolean isContainerRace(LogEntries.Entry entry) {
        return false;
    }
}
