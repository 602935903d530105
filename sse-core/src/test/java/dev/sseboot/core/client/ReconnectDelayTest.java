package dev.sseboot.core.client;

import static dev.sseboot.core.client.ReconnectingConnection.reconnectDelay;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconnectDelayTest {

    @Test
    void theReconnectionTimeAppliesAfterAnOpenedStreamAndAfterTheFirstFailure() {
        assertThat(reconnectDelay(3000, 0, 30_000)).isEqualTo(3000);
        assertThat(reconnectDelay(3000, 1, 30_000)).isEqualTo(3000);
    }

    @Test
    void furtherFailuresDoubleTheDelayUpToTheCap() {
        assertThat(reconnectDelay(3000, 2, 30_000)).isEqualTo(6000);
        assertThat(reconnectDelay(3000, 3, 30_000)).isEqualTo(12_000);
        assertThat(reconnectDelay(3000, 4, 30_000)).isEqualTo(24_000);
        assertThat(reconnectDelay(3000, 5, 30_000)).isEqualTo(30_000);
        assertThat(reconnectDelay(3000, Integer.MAX_VALUE, 30_000)).isEqualTo(30_000);
    }

    @Test
    void aServerRetryLongerThanTheCapWins() {
        assertThat(reconnectDelay(60_000, 4, 30_000)).isEqualTo(60_000);
    }

    @Test
    void aZeroRetryStillBacksOffOnFailures() {
        assertThat(reconnectDelay(0, 1, 30_000)).isZero();
        assertThat(reconnectDelay(0, 2, 30_000)).isEqualTo(2);
        assertThat(reconnectDelay(0, 11, 30_000)).isEqualTo(1024);
    }

    @Test
    void hugeValuesDoNotOverflow() {
        assertThat(reconnectDelay(Long.MAX_VALUE / 3, 10, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(reconnectDelay(Long.MAX_VALUE, 10, 1000)).isEqualTo(Long.MAX_VALUE);
    }
}
