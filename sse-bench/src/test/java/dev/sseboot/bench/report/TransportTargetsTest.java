package dev.sseboot.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sseboot.bench.result.FanoutStep;
import dev.sseboot.bench.result.ResultsStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The targets table against the committed results of the last full run (sse-bench/results). */
class TransportTargetsTest {

    private static Results results;
    private static List<String> rows;

    @BeforeAll
    static void loadCommittedResults() throws IOException {
        results = Results.load(new ResultsStore(Path.of("results")));
        rows = Arrays.stream(TransportTargets.table(results).toString().split("\n")).skip(2).toList();
    }

    @Test
    void everyTargetWasMeasured() {
        assertThat(rows).hasSize(10).noneMatch(row -> row.contains(Format.NONE));
    }

    @Test
    void idleStreamVerdictsAddHeapAndNativeMemory() {
        for (String server : List.of("starter-jetty", "starter-webflux")) {
            double perStream = results.heapPerStream(server) + results.nativePerStream(server);
            assertThat(row("(`" + server + "`) ≤ 16.0 KB"))
                    .endsWith(Format.check(perStream <= TransportTargets.IDLE_STREAM_BYTES) + " |");
        }
    }

    @Test
    void fullDeliveryNeedsEveryStreamOpenAndNoGap() {
        for (String server : TransportTargets.STARTER_TRANSPORTS) {
            FanoutStep step = results.fixedStep(server, TransportTargets.FULL_DELIVERY_RATE).orElseThrow();
            boolean full = step.open().failed() == 0 && step.window().gaps() == 0 && step.window().duplicates() == 0;
            assertThat(row("`" + server + "`: every stream open"))
                    .contains(step.open().opened() + " of " + step.open().requested() + " open")
                    .endsWith(Format.check(full) + " |");
        }
    }

    @Test
    void theStormComparesWithTheNaiveApp() {
        boolean atMost = results.connectSeconds("starter") <= results.connectSeconds("naive");
        assertThat(row("connect storm")).endsWith(Format.check(atMost) + " |");
    }

    private static String row(String containing) {
        return rows.stream().filter(row -> row.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + containing + " in " + rows));
    }
}
