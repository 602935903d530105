package dev.sseboot.web.servlet;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.spring.SseSubscriptionAuthorizer;
import dev.sseboot.web.GzipFrames;
import dev.sseboot.web.StreamChannels;
import dev.sseboot.web.StreamOpener;
import dev.sseboot.web.StreamRefusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;

/**
 * Opens streams with everything the built-in endpoint does (authorization, caps, Last-Event-ID,
 * headers), for use in an application's own controller: one channel, or several channels and
 * patterns multiplexed on one stream (each event then carries a composite id that names its
 * channel and the client's position on every entry, see {@code docs/ARCHITECTURE.md}).
 *
 * <pre>{@code
 * @GetMapping("/orders/{id}/events")
 * SseEmitter orderEvents(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
 *     return sseEmitters.open("orders/" + id, request, response);
 * }
 *
 * @GetMapping("/orders/{id}/everything")
 * SseEmitter orderAndPrices(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
 *     return sseEmitters.open(List.of("orders/" + id, "prices/*"), request, response);
 * }
 * }</pre>
 */
public class SseEmitters {

    /** The query parameter that stands in for the Last-Event-ID header where a client cannot set headers. */
    public static final String LAST_EVENT_ID_PARAMETER = StreamOpener.LAST_EVENT_ID_PARAMETER;

    /** Marks a request whose response is a stream, for the async dispatch that ends it. */
    private static final String STREAM_ATTRIBUTE = SseEmitters.class.getName() + ".STREAM";
    /** The stream's sink, until Spring MVC has taken over its emitter ({@link #handedOver}). */
    private static final String SINK_ATTRIBUTE = SseEmitters.class.getName() + ".SINK";

    private static final Logger log = LoggerFactory.getLogger(SseEmitters.class);
    /** Servlet "no timeout": a stream lives until idle timeout, close or shutdown, never the 30 s async default. */
    private static final long NO_TIMEOUT = 0L;
    /**
     * The response buffer of a stream. Every batch is flushed, so the buffer only gathers one batch's
     * frames into one write, while an idle stream keeps it for its whole life. Jetty otherwise keeps
     * 32 KB of direct memory per stream; with this, 4 KB (its buffer pool's smallest size). Tomcat
     * only ever enlarges its buffer, so this stays below the lean connector's (2 KB): a larger size
     * would enlarge it for every stream.
     */
    private static final int STREAM_BUFFER_SIZE = 1024;

    private final StreamOpener opener;

    public SseEmitters(SseHub hub, SseSubscriptionAuthorizer authorizer) {
        this.opener = new StreamOpener(hub, authorizer);
    }

    /**
     * Opens a stream of the channel for this request, or answers the request with an error (406
     * when it does not accept {@code text/event-stream}, 400 for an invalid channel or
     * Last-Event-ID, 401 when its stream token does not cover the channel, 403 when the authorizer
     * refuses, 503 with Retry-After over a connection cap or while shutting down) and returns
     * {@code null}. A request with a stream token has the token's user as its principal.
     */
    public @Nullable SseEmitter open(String channel, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return open(StreamChannels.single(channel), request, response);
    }

    /**
     * Opens one stream of several channels and patterns ({@code prices/*}: {@code *} one segment,
     * a last {@code **} one or more) for this request, in the multiplexed format: events arrive as
     * published, each with the composite id {@code <channel>|<position of each entry>}, and a
     * client that comes back with its last one as Last-Event-ID resumes every channel exactly
     * (patterns are live only and get the gap event on resumption). Answers with an error and
     * returns {@code null} as {@link #open(String, HttpServletRequest, HttpServletResponse)} does,
     * and with 400 for no channel, a duplicate, more than {@code sse.max-channels-per-stream} or a
     * malformed composite Last-Event-ID. The authorizer and the stream token are asked for every
     * entry (a pattern as it is); one refusal refuses the whole stream. The stream counts as one
     * connection for every cap.
     *
     * @param channels channel names and patterns, in the order the composite id lists their positions
     */
    public @Nullable SseEmitter open(List<String> channels, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return open(StreamChannels.multiplexed(channels), request, response);
    }

    @Nullable SseEmitter open(StreamChannels channels, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ServletStreamRequest streamRequest = new ServletStreamRequest(request);
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        boolean compress = opener.compresses(streamRequest);
        EmitterSink sink;
        Subscription subscription;
        try {
            opener.admit(channels, streamRequest, streamRequest.token());
            sink = new EmitterSink(emitter, request.getRemoteAddr(), compress ? new GzipFrames() : null);
            subscription = opener.subscribe(channels, sink, streamRequest);
        } catch (StreamRefusal refusal) {
            return refuse(response, refusal);
        }
        sink.bindTo(subscription);
        request.setAttribute(STREAM_ATTRIBUTE, Boolean.TRUE);
        request.setAttribute(SINK_ATTRIBUTE, sink);
        opener.writeHead(response::setHeader, compress);
        response.setBufferSize(STREAM_BUFFER_SIZE);
        return emitter;
    }

    /**
     * Lets the hub write to the stream this request opened, through this response, now that Spring
     * MVC has started the async request with its emitter ({@link StreamHandoverInterceptor}); before
     * that the hub only queues.
     */
    static void handedOver(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(SINK_ATTRIBUTE) instanceof EmitterSink sink) {
            request.removeAttribute(SINK_ATTRIBUTE);
            sink.handedOver(response);
        }
    }

    /** Whether this request's response is a stream opened here (true in the dispatches that follow too). */
    public static boolean isStream(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(STREAM_ATTRIBUTE));
    }

    private static SseEmitter refuse(HttpServletResponse response, StreamRefusal refusal) throws IOException {
        log.debug("Refused stream with {}: {}", refusal.status(), refusal.getMessage());
        if (refusal.retryAfterSeconds() > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
        }
        response.setStatus(refusal.status());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(refusal.getMessage() + "\n");
        response.flushBuffer();
        return null;
    }
}
