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
 * figure includes, and its largest classes show where the bytes per stream go.
 */
final class ProcessMemory {

    private static final int TOP_CLASSES = 12;
    private static final long JCMD_TIMEOUT_SECONDS = 120;
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

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
        Process jcmd = new ProcessBuilder(jcmd(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        byte[] output = jcmd.getInputStream().readAllBytes();
        if (!jcmd.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            System.err.println("jcmd GC.class_histogram " + pid + " failed: " + new String(output, StandardCharsets.UTF_8));
            return null;
        }
        return parse(new String(output, StandardCharsets.UTF_8));
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
}
