package dev.sseboot.core.hub;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseSettingsTest {

    @Test
    void defaultsAreSafeForLongLivedStreams() {
        SseSettings settings = SseSettings.defaults();

        assertThat(settings.retry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.closeOnTimeout()).isTrue();
        assertThat(settings.idleTimeout()).isZero();
        assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.disconnectProbe()).isEqualTo(Duration.ofMillis(400));
        assertThat(settings.queueCapacity()).isEqualTo(256);
        assertThat(settings.slowConsumerPolicy()).isEqualTo(SlowConsumerPolicy.DISCONNECT);
        assertThat(settings.replaySize()).isEqualTo(1000);
        assertThat(settings.gapEvent()).isEqualTo("sse-gap");
        assertThat(settings.gzip()).isFalse();
        assertThat(settings.maxEventSize()).isEqualTo(64 * 1024);
        assertThat(settings.replayMaxBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(settings.replayMaxTotalBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(settings.maxChannelsPerStream()).isEqualTo(32);
        assertThat(settings.replayOnConnect()).isEqualTo(ReplayOnConnect.NONE);
        assertThat(settings.replayOnConnectChannels()).isEmpty();
    }

    @Test
    void invalidValuesFailAtConstructionNamingTheSetting() {
        assertThatThrownBy(() -> SseSettings.builder().writeTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeTimeout");
        assertThatThrownBy(() -> SseSettings.builder().writeTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeTimeout must be positive");
        assertThatThrownBy(() -> SseSettings.builder().idleTimeout(Duration.ofMillis(-5)).build())
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> SseSettings.builder().heartbeat(Duration.ofMillis(-5)).build())
                .hasMessageContaining("heartbeat");
        assertThatThrownBy(() -> SseSettings.builder().disconnectProbe(Duration.ofMillis(-1)).build())
                .hasMessageContaining("disconnectProbe");
        assertThatThrownBy(() -> SseSettings.builder().retry(Duration.ofMillis(-5)).build())
                .hasMessageContaining("retry");
        assertThatThrownBy(() -> SseSettings.builder().queueCapacity(0).build())
                .hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> SseSettings.builder().replaySize(-1).build()).hasMessageContaining("replaySize");
        assertThatThrownBy(() -> SseSettings.builder().replayTtl(Duration.ZERO).build()).hasMessageContaining("replayTtl");
        assertThatThrownBy(() -> SseSettings.builder().maxConnections(-1).build()).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> SseSettings.builder().maxChannelsPerStream(0).build())
                .hasMessageContaining("maxChannelsPerStream must be positive");
        assertThatThrownBy(() -> SseSettings.builder().maxConnectionsPerAddress(-1).build())
                .hasMessageContaining("maxConnectionsPerAddress");
        assertThatThrownBy(() -> SseSettings.builder().gapEvent("a\nb").build()).hasMessageContaining("gapEvent");
        assertThatThrownBy(() -> SseSettings.builder().heartbeatEvent("").build()).hasMessageContaining("heartbeatEvent");
        assertThatThrownBy(() -> SseSettings.builder().slowConsumerPolicy(null).build())
                .hasMessageContaining("slowConsumerPolicy");
        assertThatThrownBy(() -> SseSettings.builder().headers(Map.of("X-Evil", "a\r\nSet-Cookie: x")).build())
                .hasMessageContaining("headers");
        assertThatThrownBy(() -> SseSettings.builder().maxEventSize(0).build())
                .hasMessageContaining("maxEventSize must be positive but was 0");
        assertThatThrownBy(() -> SseSettings.builder().replayMaxBytes(0).build()).hasMessageContaining("replayMaxBytes");
        assertThatThrownBy(() -> SseSettings.builder().replayMaxTotalBytes(-1).build())
                .hasMessageContaining("replayMaxTotalBytes");
    }

    @Test
    void headersAreCopied() {
        SseSettings settings = SseSettings.builder().header("Access-Control-Allow-Origin", "*").build();

        assertThat(settings.headers()).containsExactly(Map.entry("Access-Control-Allow-Origin", "*"));
        assertThatThrownBy(() -> settings.headers().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
