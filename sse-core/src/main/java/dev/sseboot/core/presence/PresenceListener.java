package dev.sseboot.core.presence;

/** Hears of streams opening and closing, through {@link SsePresence#addListener}. */
public interface PresenceListener {

    /** A user's streams on a channel grew. */
    default void subscribed(PresenceChange change) {
    }

    /** A user's streams on a channel shrank, or their instance left the fleet. */
    default void unsubscribed(PresenceChange change) {
    }
}
