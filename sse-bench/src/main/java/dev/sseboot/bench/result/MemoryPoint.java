package dev.sseboot.bench.result;

import java.util.List;

/**
 * The server's memory with a number of idle streams open.
 *
 * @param heapBytes live objects after a full GC; {@code null} when the server is not a JVM or jcmd failed
 * @param topClasses the classes holding the most live bytes
 * @param nativeBytes memory the JVM committed outside its heap (Native Memory Tracking's total less the
 *     Java heap); {@code null} when the server runs without {@code -XX:NativeMemoryTracking}
 * @param directBytes of that, Native Memory Tracking's "Other": direct byte buffers and other
 *     {@code Unsafe} allocations; {@code null} as {@code nativeBytes}
 */
public record MemoryPoint(int streams, long rssBytes, Long heapBytes, List<ClassUsage> topClasses, Long nativeBytes,
        Long directBytes) {

    /** One line of a class histogram. */
    public record ClassUsage(String className, long instances, long bytes) {
    }
}
