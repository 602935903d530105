package dev.sseboot.web;

/**
 * What one idle stream keeps on each web server, as measured: the live heap after a full GC and
 * the memory outside the heap (Native Memory Tracking) per stream, over 2,000 idle streams of the
 * sample app ({@code sse-bench/run.sh --quick --scenarios=s3}; see the README's "Which web server for
 * how many streams"). The one table of these figures: the default stream limit and the README's
 * sizing advice both come from it.
 */
public enum StreamFootprint {

    /** Spring MVC on Tomcat: Tomcat's per-connection buffers (request, response, socket, headers). */
    TOMCAT("Tomcat", 105, 1),
    /** Spring MVC on Tomcat with {@code sse.tomcat.lean-connector=true}. */
    TOMCAT_LEAN("Tomcat with the lean connector", 63, 1),
    /** Spring MVC on Jetty; outside the heap, the stream's 4 KB response buffer (direct memory). */
    JETTY("Jetty", 11, 4),
    /** WebFlux on Reactor Netty. */
    REACTOR_NETTY("Reactor Netty", 16, 1);

    private static final int KB = 1024;

    private final String server;
    private final long heapBytes;
    private final long nativeBytes;

    StreamFootprint(String server, int heapKilobytes, int nativeKilobytes) {
        this.server = server;
        this.heapBytes = (long) heapKilobytes * KB;
        this.nativeBytes = (long) nativeKilobytes * KB;
    }

    /** The web server's name, for log lines. */
    public String server() {
        return server;
    }

    /** Heap one idle stream keeps. */
    public long heapBytes() {
        return heapBytes;
    }

    /** Memory outside the heap one idle stream keeps (the web server's thread pool aside). */
    public long nativeBytes() {
        return nativeBytes;
    }
}
