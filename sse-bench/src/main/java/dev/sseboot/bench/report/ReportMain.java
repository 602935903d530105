package dev.sseboot.bench.report;

import dev.sseboot.bench.result.ResultsStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the report and its charts from a results directory, so a report can be made again
 * without running the bench: {@code ReportMain --results=DIR --report=FILE}.
 */
public final class ReportMain {

    private ReportMain() {
    }

    public static void main(String[] args) throws IOException {
        // XChart draws with AWT; the bench runs on machines without a display.
        System.setProperty("java.awt.headless", "true");
        Path resultsDirectory = Path.of("sse-bench/results");
        Path report = Path.of("sse-bench/REPORT.md");
        for (String arg : args) {
            if (arg.startsWith("--results=")) {
                resultsDirectory = Path.of(arg.substring("--results=".length()));
            } else if (arg.startsWith("--report=")) {
                report = Path.of(arg.substring("--report=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected --results=DIR --report=FILE");
            }
        }
        Results results = Results.load(new ResultsStore(resultsDirectory));
        Path reportDirectory = report.toAbsolutePath().getParent();
        String chartDirectory = reportDirectory.relativize(resultsDirectory.toAbsolutePath()).toString();
        String markdown = ReportWriter.write(results, Charts.write(results, resultsDirectory), chartDirectory);
        Files.writeString(report, markdown);
        System.out.println("report: " + report.toAbsolutePath());
    }
}
