package dev.sseboot.bench.run;

import dev.sseboot.bench.result.MemoryPoint.ClassUsage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server's memory from outside: resident set size from {@code /proc}, and for a JVM the
 * live heap from {@code jcmd <pid> GC.class_histogram} and what it committed outside the heap from
 * {@code jcmd <pid> VM.native_memory summary}. The histogram runs a full GC first and sums only
 * reachable objects, so it is the heap after GC without the free space a heap-usage figure
 * includes, and its largest classes show where the bytes per stream go.
 */
final class ProcessMemory {

    private static final int TOP_CLASSES = 12;
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB",
            Pattern.MULTILINE);
    private static final Pattern NMT_CATEGORY = Pattern.compile(
            "^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);

    private ProcessMemory() {
    }

    static long rssBytes(long pid) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        Matcher matcher = RSS.matcher(status);
        if (!matcher.find()) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    /** The live heap of a JVM, or {@code null} (with the reason on standard error) when jcmd cannot attach. */
    static LiveHeap liveHeap(long pid) throws IOException, InterruptedException {
        String histogram = Jcmd.run(pid, "GC.class_histogram");
        return histogram == null ? null : parse(histogram);
    }

    static LiveHeap parse(String histogram) throws IOException {
        List<ClassUsage> top = new ArrayList<>();
        for (String line : histogram.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find() && top.size() < TOP_CLASSES) {
                top.add(new ClassUsage(row.group(3), Long.parseLong(row.group(1)), Long.parseLong(row.group(2))));
            }
            Matcher total = TOTAL.matcher(line);
            if (total.find()) {
                return new LiveHeap(Long.parseLong(total.group(2)), top);
            }
        }
        throw new IOException("no Total line in the class histogram:\n" + histogram);
    }

    /**
     * What a JVM started with {@code -XX:NativeMemoryTracking=summary} committed, or {@code null}
     * when it tracks nothing or jcmd cannot attach.
     */
    static NativeMemory nativeMemory(long pid) throws IOException, InterruptedException {
        String summary = Jcmd.run(pid, "VM.native_memory", "summary", "scale=KB");
        return summary == null ? null : parseNativeMemory(summary);
    }

    /** Reads an NMT summary; {@code null} when tracking is off. */
    static NativeMemory parseNativeMemory(String summary) {
        Matcher total = NMT_TOTAL.matcher(summary);
        if (!total.find()) {
            return null;
        }
        long heap = 0;
        long other = 0;
        Matcher category = NMT_CATEGORY.matcher(summary);
        while (category.find()) {
            long committed = Long.parseLong(category.group(2)) * 1024;
            switch (category.group(1)) {
                case "Java Heap" -> heap = committed;
                case "Other" -> other = committed;
                default -> {
                    // The other categories count in the total only.
                }
            }
        }
        return new NativeMemory(Long.parseLong(total.group(1)) * 1024, heap, other);
    }

    record LiveHeap(long bytes, List<ClassUsage> topClasses) {
    }

    /**
     * @param committedBytes everything the JVM committed, heap included
     * @param otherBytes NMT's "Other": direct buffers and other {@code Unsafe} allocations
     */
    record NativeMemory(long committedBytes, long heapCommittedBytes, long otherBytes) {

        long outsideHeapBytes() {
            return committedBytes - heapCommittedBytes;
        }
    }
}
