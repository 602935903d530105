package dev.sseboot.redis.presence;

/**
 * Where presence lives in Redis. Every key starts with {@code {key prefix}{#presence}}, whose
 * braces are a Redis Cluster hash tag, so all presence keys share one slot and each script may
 * touch several of them; no channel's stream key can collide with them ({@code #} and braces are
 * not allowed in channel names). The scripts in {@link PresenceStore} that clear a
 * lost instance build the same names from {@link #base()}.
 *
 * <ul>
 *   <li>{@code …:instances}: sorted set of instance ids, scored by the time (Redis's clock, ms) by
 *       which the instance must beat again</li>
 *   <li>{@code …:instance:{id}}: hash of the instance's host, start, last heartbeat and streams</li>
 *   <li>{@code …:held:{id}}: hash of what the instance adds to the sums below, so that whoever
 *       clears it can take it away again: {@code s\n{channel}} streams, {@code a\n{channel}}
 *       anonymous streams, {@code u\n{channel}\n{user}} a named user's streams</li>
 *   <li>{@code …:streams}, {@code …:anonymous}: hashes of channel to the fleet's (anonymous) streams</li>
 *   <li>{@code …:users:{channel}}: hash of user to the fleet's streams of that user, at most the
 *       principal cap of users</li>
 * </ul>
 *
 * <p>The topic of presence changes, {@code …:changes}, carries the same hash tag: on a cluster it
 * is a sharded topic, which a script may only publish to in the slot of its keys.
 *
 * @param base the common start of every key
 */
record PresenceKeys(String base) {

    static PresenceKeys of(String keyPrefix) {
        return new PresenceKeys(keyPrefix + "{#presence}");
    }

    /** The pub/sub topic of presence changes (sharded on a cluster). */
    String topic() {
        return base + ":changes";
    }

    String instances() {
        return base + ":instances";
    }

    String instance(String id) {
        return base + ":instance:" + id;
    }

    String held(String id) {
        return base + ":held:" + id;
    }

    String streams() {
        return base + ":streams";
    }

    String anonymous() {
        return base + ":anonymous";
    }

    String users(String channel) {
        return base + ":users:" + channel;
    }
}
