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
    void readsWhatTheJvmCommittedOutsideItsHeapAndTheDirectBuffersAmongIt() {
        String summary = """
                10264:

                Native Memory Tracking:

                Total: reserved=1558771KB, committed=188843KB
                       malloc: 58291KB #62088
                -                 Java Heap (reserved=65536KB, committed=65536KB)
                                            (mmap: reserved=65536KB, committed=65536KB)
                -                     Other (reserved=48838KB, committed=48838KB)
                                            (malloc=48838KB #3) (at peak)
                """;

        ProcessMemory.NativeMemory memory = ProcessMemory.parseNativeMemory(summary);

        assertThat(memory).isEqualTo(new ProcessMemory.NativeMemory((188_843L - 65_536L) * 1024, 48_838L * 1024));
    }

    @Test
    void aJvmWithoutNativeMemoryTrackingHasNoNativeFigure() {
        assertThat(ProcessMemory.parseNativeMemory("10264:\nNative memory tracking is not enabled\n")).isNull();
    }

    @Test
    void readsTheResidentSetOfThisProcess() throws IOException {
        assertThat(ProcessMemory.rssBytes(ProcessHandle.current().pid())).isGreaterThan(1024 * 1024);
    }
}
