package dev.sseboot.sample.ticker;

import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.sample.PublishedText;
import dev.sseboot.sample.bench.BenchPublisher;
import dev.sseboot.test.SseTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ticker.interval=500ms")
class TickerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    private int port;

    @Test
    void publishesTheCurrentTimeToChannelTime() {
        try (SseTestClient stream = SseTestClient.connect(URI.create("http://localhost:" + port + "/events/time"))) {
            List<SseEvent> events = stream.awaitEvents(2, TIMEOUT);

            assertThat(events).extracting(SseEvent::event).containsOnly("message");
            assertThat(Long.parseLong(events.get(1).id())).isGreaterThan(Long.parseLong(events.get(0).id()));
            JsonMapper json = new JsonMapper();
            for (SseEvent event : events) {
                PublishedText tick = json.readValue(event.data(), PublishedText.class);
                Instant published = Instant.ofEpochMilli(tick.publishedAt());
                assertThat(Instant.parse(tick.text())).isBetween(published.minusSeconds(1), published);
            }
        }
    }

    /** The consumer check: the sample uses only the starter dependency and sse.* in application.yml. */
    @Test
    void theStreamsFollowApplicationYml(@Autowired SseSettings settings) {
        assertThat(settings.heartbeat()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.replaySize()).isEqualTo(500);
        assertThat(settings.replayTtl()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void benchPublisherRunsOnlyInTheBenchProfile(@Autowired ObjectProvider<BenchPublisher> benchPublisher) {
        assertThat(benchPublisher.getIfAvailable()).isNull();
    }
}
