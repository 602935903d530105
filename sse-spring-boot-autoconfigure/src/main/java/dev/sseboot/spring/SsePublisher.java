package dev.sseboot.spring;

import dev.sseboot.core.hub.PublishResult;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.presence.SsePresence;
import dev.sseboot.core.wire.SseMessage;
import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Publishes events to the streams of a channel, on this instance and (through the broker) on every
 * other. Payloads: a {@code String} is sent as is, an {@link SseMessage} as built, anything else as
 * JSON written by the application's JSON mapper. Never blocks on a client.
 */
public class SsePublisher {

    private final SseHub hub;
    private final Supplier<Collection<String>> broadcastChannels;
    private final Function<Object, String> jsonWriter;
    private final String userChannelPrefix;

    /**
     * A publisher whose {@link #broadcast} reaches the channels that have streams on any instance,
     * as the presence knows them.
     *
     * @param jsonWriter turns a payload object into JSON text
     * @param userChannelPrefix the prefix of private user channels ({@code sse.user-channel-prefix})
     */
    public SsePublisher(SseHub hub, SsePresence presence, Function<Object, String> jsonWriter,
            String userChannelPrefix) {
        this(hub, () -> presence.channels().keySet(), jsonWriter, userChannelPrefix);
    }

    /**
     * A publisher whose {@link #broadcast} reaches the channels that have streams on this instance.
     *
     * @param jsonWriter turns a payload object into JSON text
     * @param userChannelPrefix the prefix of private user channels ({@code sse.user-channel-prefix})
     */
    public SsePublisher(SseHub hub, Function<Object, String> jsonWriter, String userChannelPrefix) {
        this(hub, hub::channels, jsonWriter, userChannelPrefix);
    }

    private SsePublisher(SseHub hub, Supplier<Collection<String>> broadcastChannels,
            Function<Object, String> jsonWriter, String userChannelPrefix) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.broadcastChannels = broadcastChannels;
        this.jsonWriter = Objects.requireNonNull(jsonWriter, "jsonWriter");
        this.userChannelPrefix = Objects.requireNonNull(userChannelPrefix, "userChannelPrefix");
    }

    /**
     * Publishes to one channel.
     *
     * @return the event id and how many streams of this instance got it
     * @throws IllegalArgumentException for an invalid channel name, or an id or event name with a line break
     * @throws IllegalStateException once the application is shutting down
     */
    public PublishResult publish(String channel, Object payload) {
        return hub.publish(channel, toMessage(payload, null));
    }

    /** Publishes a named event ({@code addEventListener(event, …)} in the browser). */
    public PublishResult publish(String channel, String event, Object payload) {
        Objects.requireNonNull(event, "event must not be null");
        return hub.publish(channel, toMessage(payload, event));
    }

    /**
     * Publishes to every channel that has streams: on any instance when this publisher was given
     * the presence (as the auto-configured one is; with {@code sse.broker=redis} that is the fleet),
     * on this instance otherwise. Each channel gets the event under its own id.
     *
     * @return how many streams of this instance got it
     * @throws dev.sseboot.core.broker.SseBrokerException when the presence or the broker cannot be reached
     */
    public int broadcast(Object payload) {
        return hub.broadcast(toMessage(payload, null), broadcastChannels.get());
    }

    /**
     * Publishes to one user's private channel ({@code sse.user-channel-prefix} + user name), which
     * only that user may read.
     */
    public PublishResult publishToUser(String user, Object payload) {
        Objects.requireNonNull(user, "user must not be null");
        return hub.publish(userChannelPrefix + user, toMessage(payload, null));
    }

    /**
     * The newest events of a channel, at most {@code limit}, oldest first, as the broker keeps them
     * for replay (so at most {@code sse.replay.size}): to render a channel's current state with the
     * page, or to catch up a service.
     *
     * @throws IllegalArgumentException for an invalid channel name or a negative limit
     * @throws dev.sseboot.core.broker.SseBrokerException when the broker cannot read its history
     */
    public List<SseMessage> history(String channel, int limit) {
        return hub.history(channel, limit);
    }

    private SseMessage toMessage(Object payload, @Nullable String event) {
        Objects.requireNonNull(payload, "payload must not be null");
        if (payload instanceof SseMessage message) {
            return event == null ? message : message.toBuilder().event(event).build();
        }
        String data = payload instanceof CharSequence text ? text.toString() : jsonWriter.apply(payload);
        return SseMessage.builder().event(event).data(data).build();
    }
}
