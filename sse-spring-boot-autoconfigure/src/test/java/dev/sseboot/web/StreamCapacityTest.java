package dev.sseboot.web;

import dev.sseboot.web.StreamCapacity.ConnectionLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class StreamCapacityTest {

    private static final long MB = 1024 * 1024;
    private static final ConnectionLimit TOMCAT_DEFAULT = new ConnectionLimit(8192, "server.tomcat.max-connections");

    @Test
    void aSmallHeapHoldsFewerStreamsThanTheConnectionLimitAllows(CapturedOutput output) {
        StreamCapacity capacity = new StreamCapacity(StreamFootprint.TOMCAT, 512 * MB, TOMCAT_DEFAULT);

        assertThat(capacity.maxConnections(null)).isEqualTo(2496);
        assertThat(output).contains("Accepting up to 2,496 streams in a 512 MB heap on Tomcat (105 KB each, at most "
                + "half the heap); set sse.max-connections to change");
    }

    @Test
    void aLargeHeapIsLimitedByTheConnections(CapturedOutput output) {
        StreamCapacity capacity = new StreamCapacity(StreamFootprint.TOMCAT, 4096 * MB, TOMCAT_DEFAULT);

        assertThat(capacity.maxConnections(null)).isEqualTo(7372);
        assertThat(output).contains("Accepting up to 7,372 streams in a 4,096 MB heap on Tomcat (105 KB each, at most "
                + "half the heap; server.tomcat.max-connections=8,192 less 820 for other requests)");
    }

    @Test
    void aConfiguredLimitBeyondWhatTheHeapHoldsIsWarnedAbout(CapturedOutput output) {
        StreamCapacity capacity = new StreamCapacity(StreamFootprint.JETTY, 256 * MB, null);

        assertThat(capacity.maxConnections(20_000)).isEqualTo(20_000);
        assertThat(output).contains("Accepting up to 20,000 streams (sse.max-connections=20000)")
                .contains("sse.max-connections=20000 lets streams take more than half of the 256 MB heap, which holds "
                        + "11,915 streams on Jetty (11 KB each): the heap may run out");
    }

    @Test
    void aConnectionLimitBelowItsReserveStillLetsOneStreamIn() {
        StreamCapacity capacity = new StreamCapacity(StreamFootprint.TOMCAT, 512 * MB,
                new ConnectionLimit(10, "server.tomcat.max-connections"));

        assertThat(capacity.streams()).isZero();
        assertThat(capacity.maxConnections(null)).isEqualTo(1);
    }
}
