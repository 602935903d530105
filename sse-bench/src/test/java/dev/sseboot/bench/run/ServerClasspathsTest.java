package dev.sseboot.bench.run;

import dev.sseboot.bench.load.LoadGenerator;
import dev.sseboot.bench.load.OpenResult;
import dev.sseboot.bench.load.ReadinessProbe;
import dev.sseboot.bench.load.StreamTotals;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bench servers that run without the bench classpath (the two WebFlux servers, and the MVC
 * starter on Jetty) start from the very classpath run.sh gives them (the build writes it before the
 * tests), as processes of their own, and speak the bench protocol: 100 streams get the events
 * published at 50/s in sequence, without gaps or duplicates.
 */
class ServerClasspathsTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final int STREAMS = 100;
    private static final int EVENTS = 25;

    @TempDir
    Path logs;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "starter-webflux, reactive-runtime.classpath, starter-webflux.classpath, dev.sseboot.bench.reactive.StarterWebFluxBenchApplication",
            "flux, reactive-runtime.classpath, flux.classpath, dev.sseboot.bench.flux.PlainFluxSseApplication",
            "starter-jetty, servlet-runtime.classpath, starter-jetty.classpath, dev.sseboot.bench.jetty.StarterJettyBenchApplication"})
    void startsFromItsRunClasspathAndStreamsTheBenchEvents(String name, String runtimeFile, String classpathFile,
            String main) throws Exception {
        String classpath = String.join(":", TARGET.resolve("classes").toString(),
                Files.readString(TARGET.resolve(runtimeFile)).strip(),
                Files.readString(TARGET.resolve(classpathFile)).strip());
        ServerSpec spec = new ServerSpec(name, name, "java -Xmx512m -cp " + classpath + " " + main
                + " --port={port} --rate={rate}");

        try (ServerProcess server = ServerProcess.start(spec, 0, 50, logs, logs, "test")) {
            ReadinessProbe.awaitFirstEvent(server.streamUrl(), Duration.ofSeconds(60), server::alive);
            try (LoadGenerator generator = new LoadGenerator(server.streamUrl(), 4)) {
                OpenResult open = generator.open(STREAMS, 1_000, 0, Duration.ofSeconds(10));
                assertThat(open.failures()).isEmpty();
                assertThat(open.opened()).isEqualTo(STREAMS);

                await().atMost(Duration.ofSeconds(20)).until(() -> generator.totals().minEventsPerStream() >= EVENTS);

                StreamTotals totals = generator.totals();
                assertThat(totals.open()).isEqualTo(STREAMS);
                assertThat(totals.closed()).isEmpty();
                assertThat(totals.gaps()).isZero();
                assertThat(totals.duplicates()).isZero();
            }
            assertThat(Files.readString(server.log())).as("the server ran on the container its classpath holds")
                    .contains(name.equals("starter-jetty") ? "Jetty started" : "Netty started");
        }
    }
}
