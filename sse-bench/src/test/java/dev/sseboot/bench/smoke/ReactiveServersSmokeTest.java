package dev.sseboot.bench.smoke;

import dev.sseboot.bench.flux.PlainFluxSseApplication;
import dev.sseboot.bench.load.LoadGenerator;
import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.StreamTotals;
import dev.sseboot.bench.reactive.StarterWebFluxBenchApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two WebFlux servers of the bench speak its protocol: 100 streams each get the events
 * published at 50/s in sequence, without gaps or duplicates.
 */
class ReactiveServersSmokeTest {

    private static final int STREAMS = 100;
    private static final int EVENTS = 25;

    @ParameterizedTest
    @ValueSource(classes = {StarterWebFluxBenchApplication.class, PlainFluxSseApplication.class})
    void streamsGetTheBenchEventsInSequence(Class<?> server) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(server)
                .web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "bench.period-nanos=20000000", "flux.period-micros=20000")
                .run();
                LoadGenerator generator = new LoadGenerator(URI.create("http://127.0.0.1:"
                        + ((WebServerApplicationContext) context).getWebServer().getPort() + "/events/bench"), 4)) {
            OpenResult open = generator.open(STREAMS, 1_000, 0, Duration.ofSeconds(10));
            assertThat(open.failures()).isEmpty();
            assertThat(open.opened()).isEqualTo(STREAMS);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> generator.totals().minEventsPerStream() >= EVENTS);

            StreamTotals totals = generator.totals();
            assertThat(totals.open()).isEqualTo(STREAMS);
            assertThat(totals.closed()).isEmpty();
            assertThat(totals.gaps()).isZero();
            assertThat(totals.duplicates()).isZero();
        }
    }
}
