package dev.sseboot.web.reactive;

import dev.sseboot.spring.SseChannelResolver;
import dev.sseboot.web.StreamChannels;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The stream endpoint on WebFlux, {@code GET {sse.path}/{channel}}; the channel may contain
 * {@code /}. At {@code sse.path} itself, {@code GET {sse.path}?channel=a&channel=prices/*}
 * multiplexes the channels and patterns the {@code channel} query parameters name, in order, on
 * one stream; the channel resolver is asked for each of them as it is for the path's. WebFlux answers CORS preflights (per {@code sse.cors.*}), 406 to a client that does not
 * accept {@code text/event-stream} and 405 to other methods; HEAD is refused here because WebFlux
 * would otherwise run the GET handler and open a stream nobody reads.
 */
@Controller
public class SseStreamController {

    private final SseStreams streams;
    private final SseChannelResolver channelResolver;

    public SseStreamController(SseStreams streams, SseChannelResolver channelResolver) {
        this.streams = streams;
        this.channelResolver = channelResolver;
    }

    @GetMapping(path = "${sse.path:/events}/{*channel}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Mono<Void> stream(@PathVariable("channel") String channel, ServerWebExchange exchange) {
        if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
            return head(exchange);
        }
        String pathChannel = channel.startsWith("/") ? channel.substring(1) : channel;
        return streams.open(exchange, request -> StreamChannels.requested(request, pathChannel, channelResolver));
    }

    /**
     * HEAD that accepts event streams reaches {@link #stream} (WebFlux ranks its {@code produces}
     * above the explicit method); any other HEAD comes here.
     */
    @RequestMapping(path = "${sse.path:/events}/{*channel}", method = RequestMethod.HEAD)
    public Mono<Void> head(ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
        exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, "GET, OPTIONS");
        return exchange.getResponse().setComplete();
    }
}
