package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.JettyStack;
import org.eclipse.jetty.server.Connector;
import org.springframework.boot.jetty.JettyWebServer;

import java.time.Duration;

/** {@link ConnectionChurnTest} on Spring MVC and Jetty. */
@JettyStack
class ConnectionChurnJettyTest extends ConnectionChurnTest {

    /** Every connection of the churn ends with its stream: Jetty keeps no endpoint of them. */
    @Override
    void assertTheServerHoldsNoStream() {
        Connector connector = ((JettyWebServer) context.getWebServer()).getServer().getConnectors()[0];
        Await.until("Jetty to close every connection", Duration.ofSeconds(10),
                () -> connector.getConnectedEndPoints().isEmpty(), () -> connector.getConnectedEndPoints().size());
    }

    /** Jetty has no such race: a stream that loses its client ends quietly, always. */
    @Override
    boolean isContainerRace(LogEntries.Entry entry) {
        return false;
    }
}
