package dev.sseboot.autoconfigure.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Used heap after full collections, for before-and-after comparisons with a generous margin. */
final class Heap {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {
    }

    /** The lowest used heap seen over a few collections: one collection may leave garbage that a second frees. */
    static long usedAfterGc() throws InterruptedException {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            lowest = Math.min(lowest, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
