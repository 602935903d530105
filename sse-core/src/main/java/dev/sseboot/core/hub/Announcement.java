package dev.sseboot.core.hub;

/**
 * Pairs a subscription's {@code subscribed} and {@code closed} notifications, so that listeners
 * (the active-connections gauge, presence events) hear of a close only for a subscription they
 * heard open, and always after it, whichever thread closes it and whenever. A subscription that
 * closes before it is announced (its subscribe failed, or a close raced it) is never announced.
 *
 * <p>Listeners are called outside this monitor: a slow listener must not hold up the thread that
 * closes a stream. A close that arrives while the announcement is under way is handed to the
 * announcing thread, which reports it once the {@code subscribed} calls are done.
 */
final class Announcement {

    private enum State { NEW, ANNOUNCING, ANNOUNCED, CLOSED }

    // Guarded by this.
    private State state = State.NEW;
    private CloseReason closedWhileAnnouncing;

    /** Whether the {@code subscribed} notification may go out now: false when the subscription already closed. */
    synchronized boolean begin() {
        if (state != State.NEW) {
            return false;
        }
        state = State.ANNOUNCING;
        return true;
    }

    /**
     * The {@code subscribed} notification went out.
     *
     * @return the reason of a close that came meanwhile, for the caller to report now, or {@code null}
     */
    synchronized CloseReason end() {
        if (state == State.CLOSED) {
            return closedWhileAnnouncing;
        }
        state = State.ANNOUNCED;
        return null;
    }

    /**
     * The subscription closed.
     *
     * @return whether the caller reports the close now: only when it was announced, and not while
     *     the announcement is still under way (then {@link #end()} hands the close on)
     */
    synchronized boolean close(CloseReason reason) {
        State before = state;
        state = State.CLOSED;
        if (before == State.ANNOUNCING) {
            closedWhileAnnouncing = reason;
        }
        return before == State.ANNOUNCED;
    }
}
