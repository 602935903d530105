package dev.sseboot.bench.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ProcessCpuTest {

    @Test
    void addsUserAndSystemTimeOfAStatLineWhoseCommandHoldsSpacesAndParentheses() throws IOException {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 731 269 0 0 20 0 37 0 "
                + "1000 5000000000 120000 18446744073709551615 1 1 0 0 0 0 0 16781312 16384 0 0 0 17 0 0 0 0 0 0";

        assertThat(ProcessCpu.parseTicks(stat)).isEqualTo(731 + 269);
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        assertThatIOException().isThrownBy(() -> ProcessCpu.parseTicks("4242 (java) S 1"));
    }

    @Test
    void readsTheCpuTimeThisProcessHasUsed() throws IOException {
        long pid = ProcessHandle.current().pid();
        double before = ProcessCpu.cpuSeconds(pid);
        long busyUntil = System.nanoTime() + 300_000_000L;
        long spins = 0;
        while (System.nanoTime() < busyUntil) {
            spins++;
        }

        assertThat(spins).isPositive();
        assertThat(ProcessCpu.cpuSeconds(pid)).isGreaterThan(before);
    }
}
