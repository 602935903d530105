package dev.sseboot.core.presence;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * Presence when this instance is the whole fleet (the in-memory broker): everything is read from
 * {@link LocalStreams}, and listeners hear of each stream as it opens or closes, on that thread.
 */
public final class LocalSsePresence implements SsePresence {

    private final LocalStreams local;

    public LocalSsePresence(LocalStreams local) {
        this.local = local;
    }

    @Override
    public String instanceId() {
        return local.instanceId();
    }

    @Override
    public ChannelPresence channel(String channel) {
        return local.channel(channel);
    }

    @Override
    public SortedMap<String, Integer> channels() {
        return local.channels();
    }

    @Override
    public List<InstancePresence> instances() {
        return List.of(new InstancePresence(local.instanceId(), local.host(), local.started(), Instant.now(),
                local.streams()));
    }

    @Override
    public void addListener(PresenceListener listener) {
        local.addListener(listener);
    }

    @Override
    public void removeListener(PresenceListener listener) {
        local.removeListener(listener);
    }
}
