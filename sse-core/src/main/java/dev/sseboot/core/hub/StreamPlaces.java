package dev.sseboot.core.hub;

import org.jspecify.annotations.Nullable;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams each holder (a user, a remote address) has under one cap. A holder's entry goes
 * when its last stream does, so holders that come and go leave nothing behind.
 */
final class StreamPlaces {

    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();
    private final int max;
    private final String holder;

    /**
     * @param max the streams one holder may have, 0 for no limit (nothing is counted then)
     * @param holder what holds them, for the refusal's message
     */
    StreamPlaces(int max, String holder) {
        this.max = max;
        this.holder = holder;
    }

    /**
     * Counts one more stream for the holder.
     *
     * @param key the holder, or {@code null} when the stream has none (not counted)
     * @throws SseRejectedException when the holder has its maximum already
     */
    void take(@Nullable String key) {
        if (key == null || max == 0) {
            return;
        }
        held.merge(key, 1, (streams, one) -> {
            if (streams >= max) {
                throw new SseRejectedException(holder + " holds the maximum of " + max + " streams");
            }
            return streams + one;
        });
    }

    /** Gives back a place taken with {@link #take}. */
    void give(@Nullable String key) {
        if (key == null || max == 0) {
            return;
        }
        held.computeIfPresent(key, (name, streams) -> streams <= 1 ? null : streams - 1);
    }
}
