package dev.sseboot.bench.protocol;

/**
 * The data of one bench event (DESIGN.md §6): {@code "<sequence> <epoch-nanos at publish>"}. The
 * sequence counts from 0 per server; the time lets a reader on the same machine compute latency.
 */
public record BenchEvent(long sequence, long publishedNanos) {

    public static String format(long sequence, long publishedNanos) {
        return sequence + " " + publishedNanos;
    }

    /** @throws IllegalArgumentException when {@code data} is not two decimal numbers separated by one space */
    public static BenchEvent parse(String data) {
        int space = data.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("Not a bench event: '" + data + "'");
        }
        try {
            return new BenchEvent(Long.parseLong(data, 0, space, 10),
                    Long.parseLong(data, space + 1, data.length(), 10));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a bench event: '" + data + "'", e);
        }
    }
}
