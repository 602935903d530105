package dev.sseboot.bench.result;

import java.util.List;

/**
 * The server's memory with a number of idle streams open.
 *
 * @param heapBytes live objects after a full GC; {@code null} when the server is not a JVM or jcmd failed
 * @param topClasses the classes holding the most live bytes
 */
public record MemoryPoint(int streams, long rssBytes, Long heapBytes, List<ClassUsage> topClasses) {

    /** One line of a class histogram. */
    public record ClassUsage(String className, long instances, long bytes) {
    }
}
