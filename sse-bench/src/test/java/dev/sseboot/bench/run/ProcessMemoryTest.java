package dev.sseboot.bench.run;

import dev.sseboot.bench.result.MemoryPoint.ClassUsage;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessMemoryTest {

    @Test
    void readsTheTotalAndTheLargestClassesOfAClassHistogram() throws IOException {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         40210       60123456  [B (java.base@17.0.15)
                   2:         20100        1608000  org.apache.tomcat.util.net.NioChannel
                Total        160310       63000000
                """;

        ProcessMemory.LiveHeap heap = ProcessMemory.parse(histogram);

        assertThat(heap.bytes()).isEqualTo(63_000_000L);
        assertThat(heap.topClasses()).containsExactly(new ClassUsage("[B", 40210, 60_123_456L),
                new ClassUsage("org.apache.tomcat.util.net.NioChannel", 20100, 1_608_000L));
    }

    @Test
    void readsWhatANativeMemoryTrackingSummaryCommittedInTheHeapOutsideItAndAsOther() {
        String summary = """
                20457:

                Native Memory Tracking:

                (Omitting categories weighting less than 1KB)

                Total: reserved=1660676KB, committed=297908KB
                       malloc: 5108KB #63046
                       mmap:   reserved=1655568KB, committed=292800KB

                -                 Java Heap (reserved=262144KB, committed=262144KB)
                                            (mmap: reserved=262144KB, committed=262144KB)

                -                     Class (reserved=1048786KB, committed=1426KB)
                                            (classes #2543)

                -                     Other (reserved=2055KB, committed=2049KB)
                                            (malloc=2049KB #16)
                """;

        ProcessMemory.NativeMemory memory = ProcessMemory.parseNativeMemory(summary);

        assertThat(memory.committedBytes()).isEqualTo(297_908L * 1024);
        assertThat(memory.outsideHeapBytes()).isEqualTo((297_908L - 262_144L) * 1024);
        assertThat(memory.otherBytes()).isEqualTo(2_049L * 1024);
    }

    @Test
    void hasNoNativeMemoryWhenTrackingIsOff() {
        assertThat(ProcessMemory.parseNativeMemory("20457:\nNative memory tracking is not enabled\n")).isNull();
    }

    @Test
    void readsTheResidentSetOfThisProcess() throws IOException {
        assertThat(ProcessMemory.rssBytes(ProcessHandle.current().pid())).isGreaterThan(1024 * 1024);
    }
}
