package dev.sseboot.bench.jetty;

import dev.sseboot.bench.starter.StarterBench;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.Arrays;

/**
 * The sseboot MVC starter under the bench protocol on Jetty 12 instead of Tomcat: its
 * {@code /events/{channel}} endpoint, fed through {@code SsePublisher} at a fixed rate. Started from a
 * classpath without Tomcat (see sse-bench/pom.xml). Takes the reference servers'
 * {@code --port=P --rate=R}.
 */
@SpringBootApplication
@Import(StarterBench.class)
public class StarterJettyBenchApplication {

    /**
     * The accept queue run.sh gives Tomcat ({@code accept-count}), so a connect storm meets the same
     * backlog on both containers instead of Jetty's default of 50 and SYN retries.
     */
    static final int ACCEPT_QUEUE = 1_000;

    public static void main(String[] args) {
        StarterBench.run(StarterJettyBenchApplication.class, WebApplicationType.SERVLET, args);
    }

    @Bean
    JettyServerCustomizer benchAcceptQueue() {
        return server -> Arrays.stream(server.getConnectors())
                .filter(ServerConnector.class::isInstance)
                .forEach(connector -> ((ServerConnector) connector).setAcceptQueueSize(ACCEPT_QUEUE));
    }
}
