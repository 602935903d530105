package dev.sseboot.core.presence;

import java.util.List;
import java.util.SortedMap;

/**
 * Who is connected, fleet-wide: the streams and users of a channel, the channels that have streams,
 * and the instances alive. With one instance (the in-memory broker, {@link LocalSsePresence}) the
 * fleet is this instance; a fleet implementation (the Redis one in {@code sse-redis}) sums every
 * instance and is eventually consistent: a stream that opens or closes shows everywhere a moment
 * later, and an instance that dies without leaving drops out within its implementation's bound.
 *
 * <p>Users are principal names. Anonymous streams are counted, never named, and each channel names
 * at most a fixed number of users (first come, first named): streams of users beyond it are counted
 * in {@link ChannelPresence#unnamedStreams()}.
 */
public interface SsePresence {

    /** This instance's id, as {@link InstancePresence#id()} and {@link PresenceChange#instance()} name it. */
    String instanceId();

    /**
     * The streams and users of one channel on every instance.
     *
     * @throws IllegalArgumentException for an invalid channel name
     * @throws dev.sseboot.core.broker.SseBrokerException when a fleet implementation cannot reach its store
     */
    ChannelPresence channel(String channel);

    /**
     * Every channel with at least one stream on any instance, by name, with its stream count.
     *
     * @throws dev.sseboot.core.broker.SseBrokerException when a fleet implementation cannot reach its store
     */
    SortedMap<String, Integer> channels();

    /**
     * The instances alive, this one included, by id.
     *
     * @throws dev.sseboot.core.broker.SseBrokerException when a fleet implementation cannot reach its store
     */
    List<InstancePresence> instances();

    /**
     * Tells the listener of every change on any instance. A listener must be quick and must not
     * block; what it throws is logged and does not stop the others.
     */
    void addListener(PresenceListener listener);

    void removeListener(PresenceListener listener);
}
