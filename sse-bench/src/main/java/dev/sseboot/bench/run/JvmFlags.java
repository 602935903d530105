package dev.sseboot.bench.run;

import dev.sseboot.bench.result.JvmInfo;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads how a server's JVM runs from {@code jcmd <pid> VM.flags}: the flags it was given or chose itself. */
final class JvmFlags {

    private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use(\\w+)GC\\b");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");
    private static final Pattern NATIVE_MEMORY_TRACKING = Pattern.compile("-XX:NativeMemoryTracking=(summary|detail)");

    private JvmFlags() {
    }

    /** The server's JVM, or {@code null} when jcmd cannot attach (the server is not a JVM). */
    static JvmInfo of(String server, long pid) throws IOException, InterruptedException {
        String flags = Jcmd.run(pid, "VM.flags");
        return flags == null ? null : parse(server, flags);
    }

    static JvmInfo parse(String server, String flags) {
        Matcher collector = COLLECTOR.matcher(flags);
        Matcher maxHeap = MAX_HEAP.matcher(flags);
        return new JvmInfo(server, collector.find() ? collector.group(1) : null,
                maxHeap.find() ? Long.parseLong(maxHeap.group(1)) : null,
                NATIVE_MEMORY_TRACKING.matcher(flags).find());
    }
}
