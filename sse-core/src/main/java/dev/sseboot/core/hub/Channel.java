package dev.sseboot.core.hub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local subscribers of one channel. Copy-on-write because fan-out iterates on every publish
 * while joins and leaves are rare by comparison.
 */
final class Channel {

    private final List<Connection> subscribers = new CopyOnWriteArrayList<>();

    List<Connection> subscribers() {
        return subscribers;
    }

    void add(Connection connection) {
        subscribers.add(connection);
    }

    void remove(Connection connection) {
        subscribers.remove(connection);
    }

    boolean isEmpty() {
        return subscribers.isEmpty();
    }
}
