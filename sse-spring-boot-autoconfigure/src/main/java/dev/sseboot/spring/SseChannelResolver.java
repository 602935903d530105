package dev.sseboot.spring;

/**
 * Decides which channel a stream request reads (go-sse's {@code ChannelNameFunc}). The default uses
 * the path after {@code sse.path}; declare a bean to derive it from anything else in the request.
 *
 * <p>A multiplexed request ({@code GET {sse.path}?channel=a&channel=b}) asks the resolver once for
 * each {@code channel} query parameter, in order, with that parameter's value as
 * {@code pathChannel}; what it returns for each is one entry of the stream (a channel, or a pattern
 * such as {@code prices/*}). A resolver that ignores {@code pathChannel} makes every entry the same,
 * which the stream refuses with 400 as a duplicate.
 */
@FunctionalInterface
public interface SseChannelResolver {

    /**
     * @param pathChannel the part of the path after {@code sse.path/}, or for a multiplexed request
     *     the value of one {@code channel} query parameter
     * @return the channel name (or, for a multiplexed request, the pattern); an invalid one answers 400
     */
    String resolve(SseStreamRequest request, String pathChannel);
}
