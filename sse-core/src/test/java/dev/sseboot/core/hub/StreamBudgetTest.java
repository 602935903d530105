package dev.sseboot.core.hub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StreamBudgetTest {

    private static final long MB = 1024 * 1024;
    private static final long KB = 1024;

    @Test
    void streamsTakeAtMostHalfTheHeap() {
        assertThat(StreamBudget.streamsInHeap(512 * MB, 105 * KB)).isEqualTo(2496);
        assertThat(StreamBudget.streamsInHeap(256 * MB, 16 * KB)).isEqualTo(8192);
    }

    @Test
    void aHugeHeapDoesNotOverflowTheCount() {
        assertThat(StreamBudget.streamsInHeap(Long.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aTenthOfTheConnectionsAndAtLeastSixteenStayForOtherRequests() {
        assertThat(StreamBudget.reservedConnections(8192)).isEqualTo(820);
        assertThat(StreamBudget.streamsBelowConnectionLimit(8192)).isEqualTo(7372);
        assertThat(StreamBudget.reservedConnections(200)).isEqualTo(20);
        assertThat(StreamBudget.streamsBelowConnectionLimit(200)).isEqualTo(180);
        assertThat(StreamBudget.reservedConnections(100)).isEqualTo(16);
        assertThat(StreamBudget.streamsBelowConnectionLimit(100)).isEqualTo(84);
    }

    @Test
    void aLimitAtOrBelowTheReserveLeavesNoStream() {
        assertThat(StreamBudget.streamsBelowConnectionLimit(16)).isZero();
        assertThat(StreamBudget.streamsBelowConnectionLimit(10)).isZero();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> StreamBudget.streamsInHeap(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> StreamBudget.streamsInHeap(MB, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> StreamBudget.reservedConnections(0));
    }
}
