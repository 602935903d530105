package dev.sseboot.core.hub;

import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.broker.SseBrokerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Listeners hear {@code subscribed} and {@code closed} strictly in pairs, so a gauge of open streams
 * kept from them (the starter's {@code sse.connections.active}) never goes negative.
 */
class ListenerPairingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final PairingListener listener = new PairingListener();
    private final List<SseHub> hubs = new ArrayList<>();

    @AfterEach
    void shutdown() {
        hubs.forEach(SseHub::shutdown);
    }

    private SseHub hub(SseBroker broker) {
        SseHub hub = SseHub.builder().broker(broker).listener(listener).build();
        hubs.add(hub);
        return hub;
    }

    @Test
    void aSubscribeThatTheBrokerFailsIsNeitherSubscribedNorClosed() {
        HookedBroker broker = new HookedBroker();
        broker.onChannelOpened = channel -> {
            if (channel.equals("unreachable")) {
                throw new SseBrokerException("broker down");
            }
        };
        SseHub hub = hub(broker);

        assertThatThrownBy(() -> hub.subscribe("unreachable", new RecordingSink(), null))
                .isInstanceOf(SseBrokerException.class);
        Subscription fine = hub.subscribe("fine", new RecordingSink(), null);
        fine.disconnected();

        assertThat(listener.lowestOpen()).as("lowest count of open streams").isZero();
        assertThat(listener.open()).isZero();
        assertThat(listener.history()).containsExactly(Map.entry(fine.id(), List.of("subscribed", "closed")));
        assertThat(broker.closedChannels).as("the broker hears only of channels it opened").containsExactly("fine");
    }

    @Test
    void aStreamClosedBeforeItsSubscribeFinishedIsNeitherSubscribedNorClosed() {
        HookedBroker broker = new HookedBroker();
        SseHub hub = hub(broker);
        // Another thread ends every stream while the subscribe waits for the broker to open the channel.
        broker.onChannelOpened = channel -> endAllStreamsOnAnotherThread(hub);

        Subscription subscription = hub.subscribe("racing", new RecordingSink(), null);

        assertThat(subscription.isOpen()).isFalse();
        assertThat(hub.clientCount()).isZero();
        assertThat(listener.history()).isEmpty();
        assertThat(listener.lowestOpen()).isZero();
    }

    @Test
    void aStreamClosedWhileListenersHearOfItIsClosedRightAfter() {
        AtomicReference<SseHub> hub = new AtomicReference<>();
        // The first listener has another thread end every stream before the second listener hears of the new one.
        SseHubListener closingFirst = new SseHubListener() {
            @Override
            public void subscribed(Subscription subscription) {
                endAllStreamsOnAnotherThread(hub.get());
            }
        };
        hub.set(SseHub.builder().listener(closingFirst).listener(listener).build());
        hubs.add(hub.get());

        Subscription subscription = hub.get().subscribe("racing", new RecordingSink(), null);

        assertThat(subscription.isOpen()).isFalse();
        assertThat(listener.history()).containsExactly(Map.entry(subscription.id(), List.of("subscribed", "closed")));
        assertThat(listener.lowestOpen()).isZero();
        assertThat(listener.open()).isZero();
    }

    private static void endAllStreamsOnAnotherThread(SseHub hub) {
        try {
            CompletableFuture.runAsync(hub::endAllStreams).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("Ending the streams failed", e);
        }
    }

    /** Counts open streams the way a gauge would, and records each subscription's calls in order. */
    private static final class PairingListener implements SseHubListener {
        private final Map<Long, List<String>> calls = new ConcurrentHashMap<>();
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger lowestOpen = new AtomicInteger();

        @Override
        public void subscribed(Subscription subscription) {
            record(subscription, "subscribed");
            open.incrementAndGet();
        }

        @Override
        public void closed(Subscription subscription, CloseReason reason) {
            record(subscription, "closed");
            lowestOpen.accumulateAndGet(open.decrementAndGet(), Math::min);
        }

        private void record(Subscription subscription, String call) {
            calls.compute(subscription.id(), (id, before) -> {
                List<String> after = before == null ? new ArrayList<>() : new ArrayList<>(before);
                after.add(call);
                return List.copyOf(after);
            });
        }

        Map<Long, List<String>> history() {
            return Map.copyOf(calls);
        }

        int open() {
            return open.get();
        }

        int lowestOpen() {
            return lowestOpen.get();
        }
    }
}
