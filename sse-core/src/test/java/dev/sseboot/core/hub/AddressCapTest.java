package dev.sseboot.core.hub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code maxConnectionsPerAddress}: streams per remote address, counted with the other caps. */
class AddressCapTest {

    private final SseHub hub = SseHub.create(SseSettings.builder().maxConnections(4).maxConnectionsPerUser(2)
            .maxConnectionsPerAddress(2).build());

    @AfterEach
    void shutdown() {
        hub.shutdown();
    }

    @Test
    void anAddressHoldsAtMostItsMaximumAndGetsItsPlacesBackWhenStreamsEnd() {
        Subscription first = hub.subscribe("a", from("192.0.2.1"), null);
        hub.subscribe("b", from("192.0.2.1"), null);

        assertThatThrownBy(() -> hub.subscribe("a", from("192.0.2.1"), null))
                .isInstanceOf(SseRejectedException.class).hasMessageContaining("Address holds the maximum of 2");
        hub.subscribe("a", from("192.0.2.2"), null);
        assertThat(hub.clientCount()).isEqualTo(3);

        first.disconnected();
        hub.subscribe("a", from("192.0.2.1"), null);
        assertThat(hub.clientCount()).isEqualTo(3);
    }

    @Test
    void aRefusalByAddressGivesBackThePlacesTakenByTheOtherCaps() {
        hub.subscribe("a", from("192.0.2.1"), null, "alice");
        hub.subscribe("a", from("192.0.2.1"), null, "bob");

        assertThatThrownBy(() -> hub.subscribe("a", from("192.0.2.1"), null, "carol"))
                .isInstanceOf(SseRejectedException.class).hasMessageContaining("Address");
        hub.subscribe("a", from("192.0.2.2"), null, "carol");
        hub.subscribe("a", from("192.0.2.3"), null, "carol");
        assertThat(hub.clientCount()).as("carol's and the server's places were given back").isEqualTo(4);
    }

    @Test
    void streamsWithoutAnAddressAreNotCounted() {
        for (int i = 0; i < 3; i++) {
            hub.subscribe("a", new RecordingSink(), null);
        }
        assertThat(hub.clientCount()).isEqualTo(3);
    }

    private static RecordingSink from(String address) {
        return new RecordingSink() {
            @Override
            public String remoteAddress() {
                return address;
            }
        };
    }
}
