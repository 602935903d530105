package dev.sseboot.core.hub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local subscribers of one channel. Copy-on-write because fan-out iterates on every publish
 * while joins and leaves are rare by comparison.
 */
final class Channel {

    private final List<Connection> subscribers = new CopyOnWriteArrayList<>();
    /** The broker refused to open this channel, so it must not hear that it closed. */
    private volatile boolean openRefused;

    List<Connection> subscribers() {
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
