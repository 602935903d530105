package dev.sseboot.web.servlet;

import dev.sseboot.spring.SseSubscriptionAuthorizer;
import dev.sseboot.core.hub.ChannelNames;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseRejectedException;
import dev.sseboot.core.hub.Subscription;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.security.Principal;
import java.util.Enumeration;
import java.util.Map;

/**
 * Opens streams with everything the built-in endpoint does (authorization, caps, Last-Event-ID,
 * headers), for use in an application's own controller:
 *
 * <pre>{@code
 * @GetMapping("/orders/{id}/events")
 * SseEmitter orderEvents(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
 *     return sseEmitters.open("orders/" + id, request, response);
 * }
 * }</pre>
 */
public class SseEmitters {

    /** The query parameter that stands in for the Last-Event-ID header where a client cannot set headers. */
    public static final String LAST_EVENT_ID_PARAMETER = "lastEventId";

    /** Marks a request whose response is a stream, for the async dispatch that ends it. */
    private static final String STREAM_ATTRIBUTE = SseEmitters.class.getName() + ".STREAM";
    /** The stream's sink, until Spring MVC has taken over its emitter ({@link #handedOver}). */
    private static final String SINK_ATTRIBUTE = SseEmitters.class.getName() + ".SINK";

    private static final Logger log = LoggerFactory.getLogger(SseEmitters.class);
    /** Servlet "no timeout": a stream lives until idle timeout, close or shutdown, never the 30 s async default. */
    private static final long NO_TIMEOUT = 0L;

    private final SseHub hub;
    private final SseSubscriptionAuthorizer authorizer;
    private final Map<String, String> headers;
    private final long retryAfterSeconds;
    private final boolean gzip;

    public SseEmitters(SseHub hub, SseSubscriptionAuthorizer authorizer) {
        this.hub = hub;
        this.authorizer = authorizer;
        this.headers = hub.settings().headers();
        this.retryAfterSeconds = Math.max(1, hub.settings().retry().toSeconds());
        this.gzip = hub.settings().gzip();
    }

    /**
     * Opens a stream of the channel for this request, or answers the request with an error (400 for
     * an invalid channel or Last-Event-ID, 403 when the authorizer refuses, 503 with Retry-After
     * over a connection cap or while shutting down) and returns {@code null}.
     */
    public SseEmitter open(String channel, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            ChannelNames.requireValid(channel);
        } catch (IllegalArgumentException e) {
            return refuse(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
        Principal principal = request.getUserPrincipal();
        if (!authorizer.isAllowed(channel, new ServletStreamRequest(request))) {
            return refuse(response, HttpServletResponse.SC_FORBIDDEN, "Not allowed to read channel '" + channel + "'");
        }
        String lastEventId = lastEventId(request);
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        boolean compress = gzip && acceptsGzip(request);
        EmitterSink sink = new EmitterSink(emitter, request.getRemoteAddr(), compress ? new GzipFrames() : null);
        Subscription subscription;
        try {
            subscription = hub.subscribe(channel, sink, lastEventId, principal == null ? null : principal.getName());
        } catch (IllegalArgumentException e) {
            return refuse(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } catch (SseRejectedException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        } catch (IllegalStateException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The server is shutting down");
        }
        sink.bindTo(subscription);
        request.setAttribute(STREAM_ATTRIBUTE, Boolean.TRUE);
        request.setAttribute(SINK_ATTRIBUTE, sink);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        if (compress) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        headers.forEach(response::setHeader);
        return emitter;
    }

    /**
     * Lets the hub write to the stream this request opened, now that Spring MVC has started the
     * async request with its emitter ({@link StreamHandoverInterceptor}); before that the hub only
     * queues.
     */
    static void handedOver(HttpServletRequest request) {
        if (request.getAttribute(SINK_ATTRIBUTE) instanceof EmitterSink sink) {
            request.removeAttribute(SINK_ATTRIBUTE);
            sink.handedOver();
        }
    }

    /** Whether this request's response is a stream opened here (true in the dispatches that follow too). */
    public static boolean isStream(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(STREAM_ATTRIBUTE));
    }

    private static boolean acceptsGzip(HttpServletRequest request) {
        for (Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT_ENCODING); values.hasMoreElements(); ) {
            for (String coding : values.nextElement().split(",")) {
                String[] parts = coding.trim().split(";");
                boolean refused = parts.length > 1 && parts[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
                if (parts[0].trim().equalsIgnoreCase("gzip") && !refused) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String lastEventId(HttpServletRequest request) {
        String header = request.getHeader("Last-Event-ID");
        return header != null ? header : request.getParameter(LAST_EVENT_ID_PARAMETER);
    }

    private static SseEmitter refuse(HttpServletResponse response, int status, String message) throws IOException {
        log.debug("Refused stream with {}: {}", status, message);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message + "\n");
        response.flushBuffer();
        return null;
    }
}
