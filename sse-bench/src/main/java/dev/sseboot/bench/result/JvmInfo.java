package dev.sseboot.bench.result;

/**
 * How a server's JVM ran, read from the first process of each server ({@code jcmd <pid> VM.flags}):
 * the collector it used, whether chosen on the command line or by the JVM itself, and its heap.
 *
 * @param collector the garbage collector, e.g. {@code Serial}; {@code null} when jcmd could not tell
 * @param maxHeapBytes the maximum heap; {@code null} when jcmd could not tell
 * @param nativeMemoryTracking whether Native Memory Tracking was on (S3's native figures need it)
 */
public record JvmInfo(String server, String collector, Long maxHeapBytes, boolean nativeMemoryTracking) {
}
