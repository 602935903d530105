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
    void readsTheResidentSetOfThisProcess() throws IOException {
        assertThat(ProcessMemory.rssBytes(ProcessHandle.current().pid())).isGreaterThan(1024 * 1024);
    }
}
