package dev.sseboot.core.hub;

import dev.sseboot.core.broker.InMemorySseBroker;
import dev.sseboot.core.broker.Replay;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.wire.SseMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory broker, with hooks that run when the hub opens a channel or a pattern (to refuse
 * it, or to race it), a record of what the hub opened and closed, and the hub's delivery, so a
 * test can play what a broker reports.
 */
final class HookedBroker implements SseBroker {

    private final InMemorySseBroker memory = new InMemorySseBroker(10, Duration.ofMinutes(1));
    volatile Consumer<String> onChannelOpened = channel -> { };
    volatile Consumer<String> onPatternOpened = pattern -> { };
    final List<String> closedChannels = new CopyOnWriteArrayList<>();
    final List<String> openedPatterns = new CopyOnWriteArrayList<>();
    final List<String> closedPatterns = new CopyOnWriteArrayList<>();
    volatile Delivery delivery;

    @Override
    public void start(Delivery delivery) {
        this.delivery = delivery;
        memory.start(delivery);
    }

    @Override
    public SseMessage publish(String channel, SseMessage message) {
        return memory.publish(channel, message);
    }

    @Override
    public Replay replay(String channel, String lastEventId) {
        return memory.replay(channel, lastEventId);
    }

    @Override
    public Replay head(String channel) {
        return memory.head(channel);
    }

    @Override
    public List<SseMessage> history(String channel, int limit) {
        return memory.history(channel, limit);
    }

    @Override
    public void channelOpened(String channel) {
        onChannelOpened.accept(channel);
    }

    @Override
    public void channelClosed(String channel) {
        closedChannels.add(channel);
    }

    @Override
    public void patternOpened(String pattern) {
        onPatternOpened.accept(pattern);
        openedPatterns.add(pattern);
    }

    @Override
    public void patternClosed(String pattern) {
        closedPatterns.add(pattern);
    }
}
