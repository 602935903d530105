package dev.sseboot.web;

import dev.sseboot.spring.SseChannelResolver;
import dev.sseboot.spring.SseStreamRequest;

import java.util.List;

/**
 * What a stream request reads: one channel on the single-channel wire ({@code {sse.path}/{channel}}),
 * or channels and patterns multiplexed on one stream ({@code {sse.path}?channel=a&channel=b}), whose
 * every event carries a composite id.
 *
 * @param entries the channel, or the multiplexed stream's channels and patterns in request order
 * @param multiplexed whether the stream uses the multiplexed wire (also with one entry)
 */
public record StreamChannels(List<String> entries, boolean multiplexed) {

    /** The repeatable query parameter that names a multiplexed stream's channels and patterns. */
    public static final String CHANNEL_PARAMETER = "channel";

    public StreamChannels {
        entries = List.copyOf(entries);
    }

    public static StreamChannels single(String channel) {
        return new StreamChannels(List.of(channel), false);
    }

    public static StreamChannels multiplexed(List<String> entries) {
        return new StreamChannels(entries, true);
    }

    /**
     * What the built-in endpoint streams: the channel the resolver makes of the path after
     * {@code sse.path/}, or, at {@code sse.path} itself, the entries it makes of each
     * {@value #CHANNEL_PARAMETER} query parameter, in order.
     */
    public static StreamChannels requested(SseStreamRequest request, String pathChannel, SseChannelResolver resolver) {
        if (!pathChannel.isEmpty()) {
            return single(resolver.resolve(request, pathChannel));
        }
        return multiplexed(request.queryParameters(CHANNEL_PARAMETER).stream()
                .map(entry -> resolver.resolve(request, entry))
                .toList());
    }
}
