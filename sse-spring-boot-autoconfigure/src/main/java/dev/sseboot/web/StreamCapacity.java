package dev.sseboot.web;

import dev.sseboot.core.hub.StreamBudget;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * How many streams the running web server can hold: no more than fit in half the heap at the web
 * server's measured cost per stream ({@link StreamFootprint}), and, where the web server limits its
 * connections, few enough to leave some for the application's other requests
 * ({@link StreamBudget}). Past that limit Tomcat and Jetty leave new connections unanswered, the
 * application's other requests included, while a stream refused here gets {@code 503} with
 * {@code Retry-After} at once.
 */
public final class StreamCapacity {

    private static final Logger log = LoggerFactory.getLogger(StreamCapacity.class);
    private static final long MB = 1024 * 1024;

    private final StreamFootprint footprint;
    private final long maxHeapBytes;
    private final @Nullable ConnectionLimit connectionLimit;

    /**
     * @param footprint what one stream costs on the web server
     * @param maxHeapBytes the maximum heap
     * @param connectionLimit the web server's own connection limit, {@code null} when it has none
     */
    public StreamCapacity(StreamFootprint footprint, long maxHeapBytes, @Nullable ConnectionLimit connectionLimit) {
        this.footprint = footprint;
        this.maxHeapBytes = maxHeapBytes;
        this.connectionLimit = connectionLimit;
    }

    public StreamFootprint footprint() {
        return footprint;
    }

    public @Nullable ConnectionLimit connectionLimit() {
        return connectionLimit;
    }

    /** The most streams the heap holds, and the connection limit leaves room for. */
    public int streams() {
        return Math.min(streamsInHeap(), streamsBelowConnectionLimit());
    }

    /**
     * The streams to accept ({@code sse.max-connections}): the configured number, or the most this
     * web server holds ({@link #streams()}, at least one) when none is configured. Logs the limit
     * at INFO, and warns when a configured one goes beyond what the heap or the connection limit
     * allows (0, no limit, always does).
     *
     * @param configured {@code sse.max-connections}, {@code null} when it is not set
     */
    public int maxConnections(@Nullable Integer configured) {
        if (configured == null) {
            int streams = Math.max(1, streams());
            log.info("Accepting up to {} streams in a {} MB heap on {}{}; set sse.max-connections to change",
                    count(streams), count(maxHeapBytes / MB), footprint.server(), why(streams));
            return streams;
        }
        String limit = configured == 0 ? "sse.max-connections=0 (no limit)" : "sse.max-connections=" + configured;
        log.info("Accepting {} streams ({})", configured == 0 ? "any number of" : "up to " + count(configured), limit);
        long accepted = configured == 0 ? Long.MAX_VALUE : configured;
        if (connectionLimit != null && accepted > streamsBelowConnectionLimit()) {
            log.warn("{} lets streams take more than the {} of {}={} connections that leave {} for other requests: "
                            + "past {} connections {} leaves new ones, the application's other requests included, "
                            + "unanswered", limit, count(streamsBelowConnectionLimit()), connectionLimit.property(),
                    count(connectionLimit.connections()), count(StreamBudget.reservedConnections(connectionLimit.connections())),
                    count(connectionLimit.connections()), footprint.server());
        }
        if (accepted > streamsInHeap()) {
            log.warn("{} lets streams take more than half of the {} MB heap, which holds {} streams on {} ({} KB each): "
                            + "the heap may run out", limit, count(maxHeapBytes / MB), count(streamsInHeap()),
                    footprint.server(), footprint.heapBytes() / 1024);
        }
        return configured;
    }

    private String why(int streams) {
        String heap = " (" + footprint.heapBytes() / 1024 + " KB each, at most half the heap";
        if (connectionLimit == null || streams < streamsBelowConnectionLimit()) {
            return heap + ")";
        }
        return heap + "; " + connectionLimit.property() + "=" + count(connectionLimit.connections()) + " less "
                + count(StreamBudget.reservedConnections(connectionLimit.connections())) + " for other requests)";
    }

    private int streamsInHeap() {
        return StreamBudget.streamsInHeap(maxHeapBytes, footprint.heapBytes());
    }

    private int streamsBelowConnectionLimit() {
        return connectionLimit == null ? Integer.MAX_VALUE
                : StreamBudget.streamsBelowConnectionLimit(connectionLimit.connections());
    }

    private static String count(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }

    /**
     * A web server's own limit on open connections.
     *
     * @param connections the most connections it keeps open
     * @param property the property that sets it
     */
    public record ConnectionLimit(int connections, String property) {
    }
}
