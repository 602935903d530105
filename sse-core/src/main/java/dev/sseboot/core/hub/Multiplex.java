package dev.sseboot.core.hub;

import dev.sseboot.core.wire.SseFrame;
import dev.sseboot.core.wire.SseEncoder;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one multiplexed stream subscribed to and where it stands on each channel: its entries in
 * request order, the replay seam of each exact channel (positions are per channel, so each has its
 * own), and the positions its composite ids carry ({@link CompositeEventId}).
 */
final class Multiplex {

    private final List<String> entries;
    private final boolean[] pattern;
    /** The index of the first pattern entry: an exact entry before it is always the first to cover its channel. */
    private final int firstPattern;
    private final Map<String, Integer> exactSlots;
    /** Per entry: live events of that channel at or before it are already covered by the opening. Guarded by the connection. */
    private final long[] coveredThrough;
    /**
     * Per entry: the escaped position the next composite id carries. Only the connection's drain
     * touches it once the stream opened (drains of one stream never overlap), so it advances in
     * the order the client receives events.
     */
    private final String[] positions;

    /** @param entries valid, distinct channel names and patterns, in request order */
    Multiplex(List<String> entries) {
        this.entries = List.copyOf(entries);
        this.pattern = new boolean[entries.size()];
        this.exactSlots = new HashMap<>();
        int first = entries.size();
        for (int i = 0; i < entries.size(); i++) {
            pattern[i] = ChannelPatterns.isPattern(entries.get(i));
            if (!pattern[i]) {
                exactSlots.put(entries.get(i), i);
            } else if (first == entries.size()) {
                first = i;
            }
        }
        this.firstPattern = first;
        this.coveredThrough = new long[entries.size()];
        Arrays.fill(coveredThrough, -1);
        this.positions = new String[entries.size()];
        Arrays.fill(positions, "");
    }

    List<String> entries() {
        return entries;
    }

    boolean isPattern(int entry) {
        return pattern[entry];
    }

    /** The entry index of this exact channel, or -1 when the stream did not name it. */
    int exactSlot(String channel) {
        Integer slot = exactSlots.get(channel);
        return slot == null ? -1 : slot;
    }

    /**
     * Whether an event of the channel reaches this stream through the given entry: the first of its
     * entries that covers the channel. Every other entry that covers it skips the event, so the
     * stream gets it once whichever entries overlap.
     */
    boolean receivesThrough(String channel, String entry) {
        int exact = exactSlot(channel);
        if (exact >= 0 && exact < firstPattern) {
            return entry.equals(channel);
        }
        for (int i = firstPattern; i < entries.size(); i++) {
            String candidate = entries.get(i);
            if (pattern[i] ? ChannelPatterns.matches(candidate, channel) : candidate.equals(channel)) {
                return candidate.equals(entry);
            }
        }
        return false;
    }

    /** Whether the opening already covered this live event of the channel. Called under the connection's monitor. */
    boolean covered(@Nullable String channel, long position) {
        int slot = channel == null ? -1 : exactSlot(channel);
        return slot >= 0 && position <= coveredThrough[slot];
    }

    /**
     * Takes the positions the opening read. Called under the connection's monitor, before the
     * stream's first drain.
     *
     * @param covered per entry, the delivery position through which the opening covers the channel
     * @param startPositions per entry, the position the opening block names (unescaped, {@code ""} for none)
     */
    void start(long[] covered, String[] startPositions) {
        System.arraycopy(covered, 0, coveredThrough, 0, covered.length);
        for (int i = 0; i < startPositions.length; i++) {
            positions[i] = CompositeEventId.escape(startPositions[i]);
        }
    }

    /** The frames a batch is written as: each sourced frame followed by the composite id it moves the stream to. */
    List<SseFrame> frames(List<Outgoing> batch) {
        List<SseFrame> frames = new ArrayList<>(batch.size() * 2);
        for (Outgoing outgoing : batch) {
            String source = outgoing.source();
            if (outgoing.frame() != null) {
                frames.add(outgoing.frame());
            }
            if (source != null) {
                frames.add(blockEnd(source, outgoing.eventId()));
            }
        }
        return frames;
    }

    private SseFrame blockEnd(String source, @Nullable String eventId) {
        if (eventId != null) {
            int slot = exactSlot(source);
            if (slot >= 0) {
                positions[slot] = CompositeEventId.escape(eventId);
            }
        }
        StringBuilder id = new StringBuilder(source.length() + 1 + positions.length * 16).append(source).append('|');
        for (int i = 0; i < positions.length; i++) {
            if (i > 0) {
                id.append(',');
            }
            id.append(positions[i]);
        }
        return SseEncoder.encodeBlockEnd(id.toString());
    }
}
