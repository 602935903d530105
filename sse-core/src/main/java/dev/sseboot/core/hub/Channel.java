package dev.sseboot.core.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local subscribers of one channel, or of one pattern. Concurrent sets, not copy-on-write
 * lists: a join or a leave costs the same however many streams the channel has (a copy-on-write
 * list copies them all, so a connect storm of n streams cost n²), and fan-out iterates without a
 * lock. The iteration sees every stream that joined before it began, which is what the replay seam
 * relies on.
 *
 * <p>Single-channel and multiplexed streams are kept apart, so fan-out encodes each form of an
 * event only when a stream needs it and the single-channel loop does nothing it did not do before
 * streams could be multiplexed. A pattern has multiplexed streams only.
 */
final class Channel {

    private final Set<Connection> singles = ConcurrentHashMap.newKeySet();
    private final Set<Connection> multiplexed = ConcurrentHashMap.newKeySet();
    /** The broker refused to open this channel, so it must not hear that it closed. */
    private volatile boolean openRefused;

    /** The single-channel streams. */
    Collection<Connection> singles() {
        return singles;
    }

    /** The multiplexed streams that have this channel (or pattern) among their entries. */
    Collection<Connection> multiplexed() {
        return multiplexed;
    }

    /** Every stream, for diagnostics and closing; a copy. */
    List<Connection> subscribers() {
        List<Connection> all = new ArrayList<>(singles.size() + multiplexed.size());
        all.addAll(singles);
        all.addAll(multiplexed);
        return all;
    }

    void add(Connection connection) {
        (connection.isMultiplexed() ? multiplexed : singles).add(connection);
    }

    void remove(Connection connection) {
        (connection.isMultiplexed() ? multiplexed : singles).remove(connection);
    }

    void openRefused() {
        openRefused = true;
    }

    /** Whether the broker should hear that this channel closed: only if it opened. */
    boolean wasOpened() {
        return !openRefused;
    }

    boolean isEmpty() {
        return singles.isEmpty() && multiplexed.isEmpty();
    }
}
