package dev.sseboot.bench.load;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;

/**
 * The load generator on its own, against any server that speaks the protocol on loopback: opens
 * the streams, measures one window and prints the results as JSON.
 * <pre>
 * java -cp … dev.sseboot.bench.load.LoadMain --url=http://127.0.0.1:8080/events/bench
 *     [--streams=1000] [--ramp=4000] [--window=10] [--grace=1.5] [--sources=16]
 * </pre>
 */
public final class LoadMain {

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        URI url = null;
        int streams = 1000;
        double ramp = 4000;
        double window = 10;
        double grace = 1.5;
        int sources = 16;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--url=")) {
                url = URI.create(value);
            } else if (arg.startsWith("--streams=")) {
                streams = Integer.parseInt(value);
            } else if (arg.startsWith("--ramp=")) {
                ramp = Double.parseDouble(value);
            } else if (arg.startsWith("--window=")) {
                window = Double.parseDouble(value);
            } else if (arg.startsWith("--grace=")) {
                grace = Double.parseDouble(value);
            } else if (arg.startsWith("--sources=")) {
                sources = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        try (LoadGenerator generator = new LoadGenerator(url, sources)) {
            OpenResult open = generator.open(streams, ramp, 0, Duration.ofSeconds(30));
            System.out.println(json.writeValueAsString(open));
            WindowResult result = generator.measure(Duration.ofMillis((long) (window * 1000)),
                    Duration.ofMillis((long) (grace * 1000)), Duration.ofSeconds(1));
            System.out.println(json.writeValueAsString(result));
            System.out.println(json.writeValueAsString(generator.totals()));
        }
    }
}
