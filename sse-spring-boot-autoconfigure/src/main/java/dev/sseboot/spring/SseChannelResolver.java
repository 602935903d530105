package dev.sseboot.spring;

/**
 * Decides which channel a stream request reads (go-sse's {@code ChannelNameFunc}). The default uses
 * the path after {@code sse.path}; declare a bean to derive it from anything else in the request.
 */
@FunctionalInterface
public interface SseChannelResolver {

    /**
     * @param pathChannel the part of the path after {@code sse.path/}
     * @return the channel name; an invalid name answers 400
     */
    String resolve(SseStreamRequest request, String pathChannel);
}
