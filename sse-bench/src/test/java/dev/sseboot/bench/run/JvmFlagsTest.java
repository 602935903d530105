package dev.sseboot.bench.run;

import dev.sseboot.bench.result.JvmInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmFlagsTest {

    @Test
    void readsTheCollectorHeapAndNativeMemoryTrackingOfVmFlags() {
        String flags = """
                20457:
                -XX:CICompilerCount=2 -XX:InitialHeapSize=268435456 -XX:MaxHeapSize=268435456 \
                -XX:NativeMemoryTracking=summary -XX:+UseCompressedOops -XX:+UseSerialGC
                """;

        assertThat(JvmFlags.parse("starter", flags)).isEqualTo(new JvmInfo("starter", "Serial", 268_435_456L, true));
    }

    @Test
    void leavesOutWhatTheFlagsDoNotSay() {
        assertThat(JvmFlags.parse("ceiling", "1:\n-XX:+UseCompressedOops\n"))
                .isEqualTo(new JvmInfo("ceiling", null, null, false));
    }
}
