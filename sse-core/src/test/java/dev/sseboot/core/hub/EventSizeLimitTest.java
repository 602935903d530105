package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventSizeLimitTest {

    private final SseHub hub = SseHub.create(SseSettings.builder().maxEventSize(10).build());

    @AfterEach
    void shutdown() {
        hub.shutdown();
    }

    @Test
    void aLargerEventIsRefusedNamingItsSizeAndTheLimitBeforeAnythingIsStored() throws Exception {
        RecordingSink sink = new RecordingSink();
        hub.subscribe("news", sink, null);
        String before = hub.publish("news", SseMessage.of("fits")).id();

        assertThatExceptionOfType(EventTooLargeException.class)
                .isThrownBy(() -> hub.publish("news", SseMessage.of("€€€€")))
                .withMessage("The event is 12 bytes of UTF-8, more than the maximum event size of 10 bytes")
                .satisfies(e -> assertThat(e.size()).isEqualTo(12))
                .satisfies(e -> assertThat(e.maxSize()).isEqualTo(10));
        assertThatExceptionOfType(EventTooLargeException.class)
                .isThrownBy(() -> hub.broadcast(SseMessage.builder().event("e").data("0123456789").build()));
        hub.publish("news", SseMessage.of("fits too"));

        sink.awaitEvents(2, Duration.ofSeconds(5));
        assertThat(sink.data()).containsExactly("fits", "fits too");
        assertThat(hub.broker().replay("news", before).events()).extracting(SseMessage::data)
                .containsExactly("fits too");
    }

    @Test
    void anEventOfExactlyTheLimitIsTaken() {
        assertThat(hub.publish("news", SseMessage.of("0123456789")).id()).isNotNull();
    }
}
