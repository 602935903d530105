package dev.sseboot.bench.run;

import dev.sseboot.bench.result.MemoryPoint.ClassUsage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server's memory from outside: resident set size from {@code /proc}, and for a JVM the
 * live heap from {@code jcmd <pid> GC.class_histogram}. The histogram runs a full GC first and
 * sums only reachable objects, so it is the heap after GC without the free space a heap-usage
 * figure includes, and its largest classes show where the bytes per stream go. With
 * {@code -XX:NativeMemoryTracking=summary}, {@code jcmd <pid> VM.native_memory summary} adds what the
 * JVM committed outside its heap, direct byte buffers among it.
 */
final class ProcessMemory {

    private static final int TOP_CLASSES = 12;
    private static final long JCMD_TIMEOUT_SECONDS = 120;
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB",
            Pattern.MULTILINE);
    private static final Pattern NMT_HEAP = Pattern.compile("^-\\s+Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB",
            Pattern.MULTILINE);
    private static final Pattern NMT_OTHER = Pattern.compile("^-\\s+Other \\(reserved=\\d+KB, committed=(\\d+)KB",
            Pattern.MULTILINE);

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
        String histogram = jcmd(pid, "GC.class_histogram");
        return histogram == null ? null : parse(histogram);
    }

    /** What {@code jcmd <pid> command...} printed, or {@code null} (with its output on standard error) when it failed. */
    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(jcmd(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            System.err.println(String.join(" ", line) + " failed: " + output);
            return null;
        }
        return output;
    }

    /**
     * What a JVM committed outside its heap, from {@code jcmd <pid> VM.native_memory summary}; {@code null}
     * (with the reason on standard error) when it runs without Native Memory Tracking or jcmd fails.
     */
    static NativeMemory nativeMemory(long pid) throws IOException, InterruptedException {
        String summary = jcmd(pid, "VM.native_memory", "summary");
        if (summary == null) {
            return null;
        }
        NativeMemory memory = parseNativeMemory(summary);
        if (memory == null) {
            System.err.println("no native memory summary from " + pid + ": " + summary.strip());
        }
        return memory;
    }

    static NativeMemory parseNativeMemory(String summary) {
        Matcher total = NMT_TOTAL.matcher(summary);
        Matcher heap = NMT_HEAP.matcher(summary);
        Matcher other = NMT_OTHER.matcher(summary);
        if (!total.find() || !heap.find()) {
            return null;
        }
        long otherKb = other.find() ? Long.parseLong(other.group(1)) : 0;
        return new NativeMemory((Long.parseLong(total.group(1)) - Long.parseLong(heap.group(1))) * 1024, otherKb * 1024);
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

    private static String jcmd() {
        Path besideJava = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(besideJava) ? besideJava.toString() : "jcmd";
    }

    record LiveHeap(long bytes, List<ClassUsage> topClasses) {
    }

    /**
     * @param bytes committed outside the Java heap
     * @param directBytes of that, the "Other" category: direct byte buffers and other {@code Unsafe} allocations
     */
    record NativeMemory(long bytes, long directBytes) {
    }
}
