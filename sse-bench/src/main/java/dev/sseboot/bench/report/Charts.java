package dev.sseboot.bench.report;

import dev.sseboot.bench.load.LatencySummary;
import dev.sseboot.bench.result.MemoryPoint;
import dev.sseboot.bench.result.MemoryResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The report's PNG charts, one per scenario, each with every server side by side. A chart with no
 * data (the scenario did not run) is not drawn and its name is not returned.
 */
final class Charts {

    static final String FANOUT = "s1-fanout.png";
    static final String LATENCY = "s2-latency.png";
    static final String MEMORY = "s3-memory.png";
    static final String PER_STREAM = "s3-per-stream.png";
    static final String ISOLATION = "s4-isolation.png";
    static final String CONNECT = "s5-connect.png";
    static final String FIXED_CPU = "s6-cpu.png";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    /** Log axes cannot show 0; a latency below the histogram's resolution is drawn at 1 µs. */
    private static final double LOG_FLOOR_MS = 0.001;

    private final Results results;
    private final Path directory;
    private final List<String> written = new ArrayList<>();

    private Charts(Results results, Path directory) {
        this.results = results;
        this.directory = directory;
    }

    /** Draws every chart there is data for into {@code directory}; returns the file names. */
    static List<String> write(Results results, Path directory) throws IOException {
        Charts charts = new Charts(results, directory);
        charts.fanout();
        charts.latency();
        charts.memory();
        charts.perStream();
        charts.isolation();
        charts.connect();
        charts.fixedCpu();
        return charts.written;
    }

    private void fanout() throws IOException {
        bars(FANOUT, "S1 fan-out: highest rate with ≥ 99.9 % of events within 1 s", "events/s per stream",
                results::maxRate);
    }

    private void latency() throws IOException {
        List<String> percentiles = List.of("p50", "p90", "p99", "p99.9", "max");
        CategoryChart chart = category("S2 latency percentiles", "ms (log)");
        // Lines, not bars: XChart starts bars at 0, which a log axis cannot show.
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisLogarithmic(true);
        for (String server : results.servers()) {
            results.latency(server).map(window -> window.latency()).filter(latency -> latency.count() > 0)
                    .ifPresent(latency -> chart.addSeries(server, percentiles, percentiles(latency)));
        }
        save(chart, LATENCY);
    }

    private void memory() throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("S3 live heap after GC with idle streams")
                .xAxisTitle("idle streams").yAxisTitle("MiB").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        for (String server : results.servers()) {
            List<MemoryPoint> points = results.memory(server).map(MemoryResult::points).orElse(List.of()).stream()
                    .filter(point -> point.heapBytes() != null).toList();
            if (!points.isEmpty()) {
                chart.addSeries(server, points.stream().mapToDouble(MemoryPoint::streams).toArray(),
                        points.stream().mapToDouble(point -> point.heapBytes() / 1048576.0).toArray());
            }
        }
        save(chart, MEMORY);
    }

    private void perStream() throws IOException {
        List<String> servers = results.servers().stream()
                .filter(server -> results.heapPerStream(server) != null || results.rssPerStream(server) != null).toList();
        if (servers.isEmpty()) {
            return;
        }
        CategoryChart chart = category("S3 memory per idle stream", "KB per stream");
        chart.addSeries("live heap", servers, servers.stream().map(server -> kb(results.heapPerStream(server))).toList());
        chart.addSeries("native (JVM, outside the heap)", servers,
                servers.stream().map(server -> kb(results.nativePerStream(server))).toList());
        chart.addSeries("RSS", servers, servers.stream().map(server -> kb(results.rssPerStream(server))).toList());
        save(chart, PER_STREAM);
    }

    private void isolation() throws IOException {
        List<String> servers = results.servers().stream()
                .filter(server -> results.latencyP99(server) != null && results.isolatedP99(server) != null).toList();
        if (servers.isEmpty()) {
            return;
        }
        CategoryChart chart = category("S4 p99 of healthy streams, without and with stalled clients", "ms");
        chart.addSeries("all reading", servers, servers.stream().map(results::latencyP99).toList());
        chart.addSeries("1 in " + results.run().plan().stallOneIn() + " stalled", servers,
                servers.stream().map(results::isolatedP99).toList());
        save(chart, ISOLATION);
    }

    private void connect() throws IOException {
        bars(CONNECT, "S5 connect storm: time until every stream is open", "s", results::connectSeconds);
    }

    /** S6: each server's CPU at each fixed rate, a group of bars per server. */
    private void fixedCpu() throws IOException {
        List<String> servers = results.servers().stream().filter(server -> results.fixed(server).isPresent()).toList();
        if (servers.isEmpty()) {
            return;
        }
        CategoryChart chart = category("S6 server CPU at fixed rates, " + results.run().plan().streams() + " streams",
                "% of one core");
        for (int rate : results.run().plan().fixedRates()) {
            chart.addSeries(rate + " events/s", servers, servers.stream().map(server -> results.fixedCpu(server, rate))
                    .map(share -> share == null ? 0.0 : share * 100).toList());
        }
        save(chart, FIXED_CPU);
    }

    /** One bar per server that has a value. */
    private void bars(String file, String title, String yTitle, Function<String, Double> value) throws IOException {
        List<String> servers = results.servers().stream().filter(server -> value.apply(server) != null).toList();
        if (servers.isEmpty()) {
            return;
        }
        CategoryChart chart = category(title, yTitle);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(title, servers, servers.stream().map(value).toList());
        save(chart, file);
    }

    private static CategoryChart category(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        return chart;
    }

    private void save(Chart<?, ?> chart, String file) throws IOException {
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        String name = file.substring(0, file.length() - ".png".length());
        BitmapEncoder.saveBitmap(chart, directory.resolve(name).toString(), BitmapFormat.PNG);
        written.add(file);
    }

    private static List<Double> percentiles(LatencySummary latency) {
        return List.of(floor(latency.p50Ms()), floor(latency.p90Ms()), floor(latency.p99Ms()), floor(latency.p999Ms()),
                floor(latency.maxMs()));
    }

    private static double floor(double millis) {
        return Math.max(LOG_FLOOR_MS, millis);
    }

    /** Category series need a value for every server; a missing one is drawn as 0 (the table says n/a). */
    private static Double kb(Double bytes) {
        return bytes == null ? 0.0 : bytes / 1024.0;
    }
}
