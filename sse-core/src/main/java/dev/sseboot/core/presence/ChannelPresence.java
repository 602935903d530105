package dev.sseboot.core.presence;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One channel's streams.
 *
 * @param streams every stream on the channel
 * @param anonymousStreams the streams without a user
 * @param users the named users and how many streams each holds, by name; at most the presence's
 *     principal cap of them (first come, first named)
 */
public record ChannelPresence(String channel, int streams, int anonymousStreams, SortedMap<String, Integer> users) {

    public ChannelPresence {
        users = Collections.unmodifiableSortedMap(new TreeMap<>(users));
    }

    /** A channel without streams. */
    public static ChannelPresence empty(String channel) {
        return new ChannelPresence(channel, 0, 0, new TreeMap<>());
    }

    /** Streams of users the cap left unnamed: neither anonymous nor in {@link #users()}. */
    public int unnamedStreams() {
        return streams - anonymousStreams - users.values().stream().mapToInt(Integer::intValue).sum();
    }
}
