package dev.sseboot.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void aStreamMayStartAnywhereAndThenCountsUpByOne() {
        accept(41, 42, 43);
        assertThat(tracker.first()).isEqualTo(41);
        assertThat(tracker.received()).isEqualTo(3);
        assertThat(tracker.gaps()).isZero();
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void countsSkippedNumbersAsGaps() {
        accept(0, 1, 4, 5, 7);
        assertThat(tracker.gaps()).isEqualTo(3);
    }

    @Test
    void countsRepeatsAndStepsBackAsDuplicates() {
        accept(0, 1, 1, 2, 0, 3);
        assertThat(tracker.duplicates()).isEqualTo(2);
        assertThat(tracker.gaps()).isZero();
        assertThat(tracker.received()).isEqualTo(6);
    }

    private void accept(long... sequences) {
        for (long sequence : sequences) {
            tracker.accept(sequence);
        }
    }
}
