package dev.sseboot.core.hub;

/**
 * How many streams a server can hold. The heap is what runs out first: streams may take at most
 * {@link #HEAP_SHARE} of the maximum heap, at what one idle stream costs on the web server, and
 * the application keeps the rest. A web server that accepts a limited number of connections must
 * also keep some for the application's other requests ({@link #reservedConnections}), or past its
 * limit those wait unanswered behind the streams.
 */
public final class StreamBudget {

    /** The share of the maximum heap that streams may take. */
    public static final double HEAP_SHARE = 0.5;
    /** The share of a web server's connections kept for other requests, {@link #MIN_RESERVED_CONNECTIONS} at least. */
    public static final double RESERVED_CONNECTION_SHARE = 0.1;
    /** The fewest connections kept for other requests. */
    public static final int MIN_RESERVED_CONNECTIONS = 16;

    private StreamBudget() {
    }

    /**
     * The streams that fit in {@link #HEAP_SHARE} of the heap.
     *
     * @param maxHeapBytes the maximum heap ({@code Runtime.maxMemory()})
     * @param heapBytesPerStream what one idle stream keeps on the heap
     */
    public static int streamsInHeap(long maxHeapBytes, long heapBytesPerStream) {
        if (maxHeapBytes <= 0 || heapBytesPerStream <= 0) {
            throw new IllegalArgumentException("maxHeapBytes and heapBytesPerStream must be positive");
        }
        return (int) Math.min(Integer.MAX_VALUE, (long) (maxHeapBytes * HEAP_SHARE) / heapBytesPerStream);
    }

    /** The connections kept for other requests out of a web server's limit: a tenth, at least 16. */
    public static int reservedConnections(int connectionLimit) {
        if (connectionLimit <= 0) {
            throw new IllegalArgumentException("connectionLimit must be positive, not " + connectionLimit);
        }
        return Math.max(MIN_RESERVED_CONNECTIONS, (int) Math.ceil(connectionLimit * RESERVED_CONNECTION_SHARE));
    }

    /** The streams a web server's connection limit leaves room for after the reserved connections; 0 when none. */
    public static int streamsBelowConnectionLimit(int connectionLimit) {
        return Math.max(0, connectionLimit - reservedConnections(connectionLimit));
    }
}
