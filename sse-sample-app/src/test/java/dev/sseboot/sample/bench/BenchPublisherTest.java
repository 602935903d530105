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
        assertThat(new BenchProperties(10, "bench", 1).period()).isEqualTo(Duration.ofMillis(100));
        assertThat(new BenchProperties(3, "bench", 1).period()).isEqualTo(Duration.ofNanos(333_333_333));
    }

    @Test
    void severalChannelsAreNumberedBelowTheChannel() {
        assertThat(new BenchProperties(10, "bench", 1).channel(0)).isEqualTo("bench");
        assertThat(new BenchProperties(10, "bench", 1000).channel(0)).isEqualTo("bench/0");
        assertThat(new BenchProperties(10, "bench", 1000).channel(999)).isEqualTo("bench/999");
        assertThatIllegalArgumentException().isThrownBy(() -> new BenchProperties(10, "bench", 0))
                .withMessageContaining("sample.bench.channels");
    }

    @Test
    void rejectsARateThatIsNotPositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BenchProperties(0, "bench", 1))
                .withMessageContaining("sample.bench.rate");
    }
}
