package dev.sseboot.sample.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchPublisherTest {

    @Test
    void dataIsTheSequenceAndTheEpochNanosOfThePublish() {
        assertThat(BenchPublisher.data(0, Instant.ofEpochSecond(1_700_000_000L, 123_456_789)))
                .isEqualTo("0 1700000000123456789");
    }

    @Test
    void periodFollowsTheRate() {
        assertThat(new BenchProperties(10, "bench").period()).isEqualTo(Duration.ofMillis(100));
        assertThat(new BenchProperties(3, "bench").period()).isEqualTo(Duration.ofNanos(333_333_333));
    }

    @Test
    void rejectsARateThatIsNotPositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BenchProperties(0, "bench"))
                .withMessageContaining("sample.bench.rate");
    }
}
