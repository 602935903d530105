package dev.sseboot.redis.presence;

import dev.sseboot.core.presence.ChannelPresence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How this instance's streams on one channel changed since it last told Redis.
 *
 * @param streams the change of the channel's streams
 * @param anonymous the change of its anonymous streams
 * @param users the named users whose streams changed, each with their count now
 * @param unnamed the change of the streams that carry no name in presence (anonymous ones, and
 *     users beyond the principal cap): a change of these is announced once, without a user
 */
record ChannelDelta(String channel, int streams, int anonymous, List<UserCount> users, int unnamed) {

    /** A named user's streams on the channel now, and whether they grew. */
    record UserCount(String user, int count, boolean grew) {
    }

    static ChannelDelta between(ChannelPresence before, ChannelPresence now) {
        Set<String> names = new TreeSet<>(before.users().keySet());
        names.addAll(now.users().keySet());
        List<UserCount> users = new ArrayList<>();
        int named = 0;
        for (String user : names) {
            int was = before.users().getOrDefault(user, 0);
            int is = now.users().getOrDefault(user, 0);
            if (was != is) {
                users.add(new UserCount(user, is, is > was));
                named += is - was;
            }
        }
        int streams = now.streams() - before.streams();
        return new ChannelDelta(now.channel(), streams, now.anonymousStreams() - before.anonymousStreams(),
                List.copyOf(users), streams - named);
    }

    boolean isEmpty() {
        return streams == 0 && anonymous == 0 && users.isEmpty();
    }
}
