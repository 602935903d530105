package dev.sseboot.core.hub;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local subscribers of one channel. A concurrent set, not a copy-on-write list: a join or a
 * leave costs the same however many streams the channel has (a copy-on-write list copies them all,
 * so a connect storm of n streams cost n²), and fan-out iterates without a lock. The iteration sees
 * every stream that joined before it began, which is what the replay seam relies on.
 */
final class Channel {

    private final Set<Connection> subscribers = ConcurrentHashMap.newKeySet();
    /** The broker refused to open this channel, so it must not hear that it closed. */
    private volatile boolean openRefused;

    Collection<Connection> subscribers() {
        return subscribers;
    }

    void add(Connection connection) {
        subscribers.add(connection);
    }

    void remove(Connection connection) {
        subscribers.remove(connection);
    }

    void openRefused() {
        openRefused = true;
    }

    /** Whether the broker should hear that this channel closed: only if it opened. */
    boolean wasOpened() {
        return !openRefused;
    }

    boolean isEmpty() {
        return subscribers.isEmpty();
    }
}
