package dev.sseboot.web.reactive;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.spring.SseStreamRequest;
import dev.sseboot.spring.SseSubscriptionAuthorizer;
import dev.sseboot.token.StreamToken;
import dev.sseboot.web.GzipFrames;
import dev.sseboot.web.StreamChannels;
import dev.sseboot.web.StreamOpener;
import dev.sseboot.web.StreamRefusal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens streams on WebFlux with everything the built-in endpoint does (authorization with the
 * exchange's principal, caps, Last-Event-ID, headers, gzip), for an application's own handlers.
 * The returned {@code Mono} writes the whole stream, so a handler returns it as it is:
 *
 * One channel, or several channels and patterns multiplexed on one stream (each event then
 * carries a composite id that names its channel and the client's position on every entry, see
 * {@code docs/ARCHITECTURE.md}):
 *
 * <pre>{@code
 * @GetMapping(path = "/orders/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * Mono<Void> orderEvents(@PathVariable String id, ServerWebExchange exchange) {
 *     return sseStreams.open("orders/" + id, exchange);
 * }
 *
 * @GetMapping(path = "/orders/{id}/everything", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * Mono<Void> orderAndPrices(@PathVariable String id, ServerWebExchange exchange) {
 *     return sseStreams.open(List.of("orders/" + id, "prices/*"), exchange);
 * }
 * }</pre>
 */
public class SseStreams {

    /** The query parameter that stands in for the Last-Event-ID header where a client cannot set headers. */
    public static final String LAST_EVENT_ID_PARAMETER = StreamOpener.LAST_EVENT_ID_PARAMETER;

    private static final Logger log = LoggerFactory.getLogger(SseStreams.class);
    private static final MediaType TEXT_PLAIN_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final StreamOpener opener;

    public SseStreams(SseHub hub, SseSubscriptionAuthorizer authorizer) {
        this.opener = new StreamOpener(hub, authorizer);
    }

    /**
     * Streams the channel to this exchange until the stream ends, or answers the exchange with an
     * error (406 when it does not accept {@code text/event-stream}, 400 for an invalid channel or
     * Last-Event-ID, 401 when its stream token does not cover the channel, 403 when the authorizer
     * refuses, 503 with Retry-After over a connection cap or while shutting down). An exchange with
     * a stream token has the token's user as its principal.
     */
    public Mono<Void> open(String channel, ServerWebExchange exchange) {
        StreamChannels single = StreamChannels.single(channel);
        return open(exchange, request -> single);
    }

    /**
     * Streams several channels and patterns ({@code prices/*}: {@code *} one segment, a last
     * {@code **} one or more) to this exchange on one stream, in the multiplexed format: events
     * arrive as published, each with the composite id {@code <channel>|<position of each entry>},
     * and a client that comes back with its last one as Last-Event-ID resumes every channel exactly
     * (patterns are live only and get the gap event on resumption). Answers with an error as
     * {@link #open(String, ServerWebExchange)} does, and with 400 for no channel, a duplicate, more
     * than {@code sse.max-channels-per-stream} or a malformed composite Last-Event-ID. The
     * authorizer and the stream token are asked for every entry (a pattern as it is); one refusal
     * refuses the whole stream. The stream counts as one connection for every cap.
     *
     * @param channels channel names and patterns, in the order the composite id lists their positions
     */
    public Mono<Void> open(List<String> channels, ServerWebExchange exchange) {
        StreamChannels multiplexed = StreamChannels.multiplexed(channels);
        return open(exchange, request -> multiplexed);
    }

    /** Opens what the function picks for the request, once the exchange's principal is known. */
    Mono<Void> open(ServerWebExchange exchange, Function<SseStreamRequest, StreamChannels> channels) {
        return Mono.deferContextual(context -> {
            // StreamTokenHttpHandlerDecorator puts a verified stream token there.
            StreamToken token = context.<StreamToken>getOrEmpty(StreamToken.class).orElse(null);
            if (token != null) {
                return stream(exchange, token.principal(), token, channels);
            }
            return exchange.getPrincipal()
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(principal -> stream(exchange, principal.orElse(null), null, channels));
        });
    }

    private Mono<Void> stream(ServerWebExchange exchange, @Nullable Principal principal, @Nullable StreamToken token,
            Function<SseStreamRequest, StreamChannels> channelsOf) {
        ExchangeStreamRequest request = new ExchangeStreamRequest(exchange, principal);
        ServerHttpResponse response = exchange.getResponse();
        StreamChannels channels = channelsOf.apply(request);
        boolean compress = opener.compresses(request);
        ResponseSink sink;
        Subscription subscription;
        try {
            opener.admit(channels, request, token);
            sink = new ResponseSink(response.bufferFactory(), request.remoteAddress(),
                    compress ? new GzipFrames() : null, ResponseConnection.of(response));
            subscription = opener.subscribe(channels, sink, request);
        } catch (StreamRefusal refusal) {
            return refuse(response, refusal);
        }
        sink.bindTo(subscription);
        HttpHeaders headers = response.getHeaders();
        opener.writeHead(headers::set, compress);
        return response.writeAndFlushWith(sink).doFinally(signal -> subscription.disconnected());
    }

    private static Mono<Void> refuse(ServerHttpResponse response, StreamRefusal refusal) {
        log.debug("Refused stream with {}: {}", refusal.status(), refusal.getMessage());
        response.setStatusCode(HttpStatusCode.valueOf(refusal.status()));
        if (refusal.retryAfterSeconds() > 0) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
        }
        response.getHeaders().setContentType(TEXT_PLAIN_UTF8);
        byte[] body = (refusal.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
