package dev.sseboot.core.broker;

import dev.sseboot.core.wire.SseMessage;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * The answer to a replay read.
 *
 * @param events the events after the requested id, oldest first (empty for a gap)
 * @param gap whether the requested id was unknown or older than the history, so events may be missing
 * @param latestId where the client stands after this answer: the id of the newest event in the
 *     channel's history or, for a channel without one, the broker's beginning ({@code null} only
 *     when the broker could not be asked)
 * @param position the delivery position of that id; the hub drops live deliveries at or before
 *     it, which are already part of this answer ({@code -1} drops none)
 */
public record Replay(List<SseMessage> events, boolean gap, @Nullable String latestId, long position) {

    public Replay {
        events = List.copyOf(events);
    }

    public static Replay of(List<SseMessage> events, @Nullable String latestId, long position) {
        return new Replay(events, false, latestId, position);
    }

    public static Replay gap(@Nullable String latestId, long position) {
        return new Replay(List.of(), true, latestId, position);
    }
}
