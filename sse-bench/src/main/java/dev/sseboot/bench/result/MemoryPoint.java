package dev.sseboot.bench.result;

import java.util.List;

/**
 * The server's memory with a number of idle streams open.
 *
 * @param heapBytes live objects after a full GC; {@code null} when the server is not a JVM or jcmd failed
 * @param topClasses the classes holding the most live bytes
 * @param nativeBytes memory the JVM committed outside its heap (Native Memory Tracking: total
 *     committed less the Java heap's); {@code null} without {@code -XX:NativeMemoryTracking}
 * @param otherNativeBytes the part of it NMT counts as "Other": direct buffers and other
 *     {@code Unsafe} allocations
 * @param cpu the server's CPU while these streams sat idle, before the memory was read
 */
public record MemoryPoint(int streams, long rssBytes, Long heapBytes, List<ClassUsage> topClasses, Long nativeBytes,
        Long otherNativeBytes, ServerCpu cpu) {

    /** One line of a class histogram. */
    public record ClassUsage(String className, long instances, long bytes) {
    }
}
