package dev.sseboot.bench.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchEventTest {

    @Test
    void parsesWhatItFormats() {
        assertThat(BenchEvent.parse(BenchEvent.format(12, 1_795_464_706_578_527_475L)))
                .isEqualTo(new BenchEvent(12, 1_795_464_706_578_527_475L));
    }

    @Test
    void rejectsOtherData() {
        assertThatIllegalArgumentException().isThrownBy(() -> BenchEvent.parse("hello"));
        assertThatIllegalArgumentException().isThrownBy(() -> BenchEvent.parse("1 two"));
        assertThatIllegalArgumentException().isThrownBy(() -> BenchEvent.parse(" 1 2"));
    }
}
