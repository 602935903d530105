package dev.sseboot.bench.protocol;

/**
 * The command line every reference server takes: {@code --port=P --rate=R} (events per second
 * published to the {@code bench} channel).
 */
public record ServerArgs(int port, int rate) {

    public ServerArgs {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (rate < 1 || rate > 1_000_000) {
            throw new IllegalArgumentException("rate must be 1-1000000 events/s: " + rate);
        }
    }

    public static ServerArgs parse(String... args) {
        int port = 8080;
        int rate = 10;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--rate=")) {
                rate = Integer.parseInt(arg.substring("--rate=".length()));
            } else {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; expected --port=P --rate=R");
            }
        }
        return new ServerArgs(port, rate);
    }

    public long periodNanos() {
        return 1_000_000_000L / rate;
    }
}
