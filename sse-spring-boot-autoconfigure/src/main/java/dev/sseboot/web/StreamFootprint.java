package dev.sseboot.web;

/**
 * The heap one idle stream keeps on each web server, as measured: the live heap after a full GC
 * per stream, over 1,000 to 15,000 idle streams of the sample app ({@code sse-bench}, scenario S3;
 * see the README's "Which web server for how many streams", which also gives the memory outside the
 * heap). The one table of these figures: the default stream limit comes from it.
 */
public enum StreamFootprint {

    /** Spring MVC on Tomcat: Tomcat's per-connection buffers (request, response, socket, headers). */
    TOMCAT("Tomcat", 105),
    /** Spring MVC on Tomcat with {@code sse.tomcat.lean-connector=true}. */
    TOMCAT_LEAN("Tomcat with the lean connector", 64),
    /** Spring MVC on Jetty; the stream's 4 KB response buffer is direct memory, outside the heap. */
    JETTY("Jetty", 11),
    /** WebFlux on Reactor Netty. */
    REACTOR_NETTY("Reactor Netty", 16);

    private final String server;
    private final long heapBytes;

    StreamFootprint(String server, int heapKilobytes) {
        this.server = server;
        this.heapBytes = heapKilobytes * 1024L;
    }

    /** The web server's name, for log lines. */
    public String server() {
        return server;
    }

    /** Heap one idle stream keeps. */
    public long heapBytes() {
        return heapBytes;
    }
}
