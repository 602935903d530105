package dev.sseboot.web;

import dev.sseboot.core.hub.ChannelNames;
import dev.sseboot.core.hub.ChannelPatterns;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseRejectedException;
import dev.sseboot.core.hub.SseSink;
import dev.sseboot.core.hub.Subscription;
import dev.sseboot.spring.SseStreamRequest;
import dev.sseboot.spring.SseSubscriptionAuthorizer;
import dev.sseboot.token.StreamToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What opening a stream means on any web stack: which requests are refused and with what status,
 * the subscription to the hub, and the response head. Spring MVC's and WebFlux's transports differ
 * only in how they write.
 */
public final class StreamOpener {

    /** The query parameter that stands in for the Last-Event-ID header where a client cannot set headers. */
    public static final String LAST_EVENT_ID_PARAMETER = "lastEventId";

    private static final int BAD_REQUEST = 400;
    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final int NOT_ACCEPTABLE = 406;
    private static final int SERVICE_UNAVAILABLE = 503;

    private final SseHub hub;
    private final SseSubscriptionAuthorizer authorizer;
    private final Map<String, String> headers;
    private final long retryAfterSeconds;
    private final boolean gzip;
    private final int maxChannelsPerStream;

    public StreamOpener(SseHub hub, SseSubscriptionAuthorizer authorizer) {
        this.hub = hub;
        this.authorizer = authorizer;
        this.headers = hub.settings().headers();
        this.retryAfterSeconds = Math.max(1, hub.settings().retry().toSeconds());
        this.gzip = hub.settings().gzip();
        this.maxChannelsPerStream = hub.settings().maxChannelsPerStream();
    }

    /**
     * Refuses a client that does not accept {@code text/event-stream} (406); a request without
     * channels, an invalid channel or pattern, a duplicate or more entries than
     * {@code sse.max-channels-per-stream} (400); a channel or pattern the request's stream token
     * does not cover (401); and a request the authorizer does not allow for one of its entries
     * (403). The authorizer is asked once per entry, with the pattern itself for a pattern, so a
     * stream opens with every entry or not at all.
     *
     * @param token the request's verified stream token, {@code null} when it came without one
     */
    public void admit(StreamChannels channels, SseStreamRequest request, @Nullable StreamToken token)
            throws StreamRefusal {
        if (!EventStreamAcceptance.accepts(request.headers().getValuesAsList(HttpHeaders.ACCEPT))) {
            throw new StreamRefusal(NOT_ACCEPTABLE, "The request does not accept text/event-stream", 0);
        }
        requireValid(channels, request);
        for (String entry : channels.entries()) {
            String kind = ChannelPatterns.isPattern(entry) ? "channel pattern" : "channel";
            if (token != null && !token.covers(entry)) {
                throw new StreamRefusal(UNAUTHORIZED, "The stream token does not cover " + kind + " '" + entry + "'", 0);
            }
            if (!authorizer.isAllowed(entry, request)) {
                throw new StreamRefusal(FORBIDDEN, "Not allowed to read " + kind + " '" + entry + "'", 0);
            }
        }
    }

    private void requireValid(StreamChannels channels, SseStreamRequest request) throws StreamRefusal {
        if (channels.multiplexed() && channels.entries().isEmpty()) {
            String path = request.uri().getPath().replaceAll("/+$", "");
            throw new StreamRefusal(BAD_REQUEST, "No channel to stream: name one in the path (" + path
                    + "/{channel}), or one or more with the '" + StreamChannels.CHANNEL_PARAMETER + "' query parameter ("
                    + path + "?channel=a&channel=b)", 0);
        }
        try {
            if (channels.multiplexed()) {
                ChannelPatterns.requireValidEntries(channels.entries(), maxChannelsPerStream);
            } else {
                ChannelNames.requireValid(channels.entries().get(0));
            }
        } catch (IllegalArgumentException e) {
            throw new StreamRefusal(BAD_REQUEST, e.getMessage(), 0);
        }
    }

    /** Whether this request's stream is compressed: {@code sse.gzip} is on and the client accepts gzip. */
    public boolean compresses(SseStreamRequest request) {
        return gzip && acceptsGzip(request.headers().getValuesAsList(HttpHeaders.ACCEPT_ENCODING));
    }

    /**
     * Subscribes the sink to the channel, or to every entry of a multiplexed stream, from the
     * request's Last-Event-ID (header, else query parameter). Refuses an over-long or, for a
     * multiplexed stream, malformed Last-Event-ID (400), and with a {@code Retry-After} a
     * connection over a cap or during shutdown (503). A multiplexed stream counts as one
     * connection for every cap.
     */
    public Subscription subscribe(StreamChannels channels, SseSink sink, SseStreamRequest request)
            throws StreamRefusal {
        Principal principal = request.principal();
        String user = principal == null ? null : principal.getName();
        String lastEventId = lastEventId(request);
        try {
            return channels.multiplexed()
                    ? hub.subscribe(channels.entries(), sink, lastEventId, user)
                    : hub.subscribe(channels.entries().get(0), sink, lastEventId, user);
        } catch (IllegalArgumentException e) {
            throw new StreamRefusal(BAD_REQUEST, e.getMessage(), 0);
        } catch (SseRejectedException e) {
            throw new StreamRefusal(SERVICE_UNAVAILABLE, e.getMessage(), retryAfterSeconds);
        } catch (IllegalStateException e) {
            throw new StreamRefusal(SERVICE_UNAVAILABLE, "The server is shutting down", retryAfterSeconds);
        }
    }

    /** Sets the stream's response headers, {@code sse.headers} last so they may override. */
    public void writeHead(BiConsumer<String, String> header, boolean compressed) {
        header.accept(HttpHeaders.CONTENT_TYPE, "text/event-stream;charset=UTF-8");
        header.accept(HttpHeaders.CACHE_CONTROL, "no-cache");
        header.accept("X-Accel-Buffering", "no");
        if (compressed) {
            header.accept(HttpHeaders.CONTENT_ENCODING, "gzip");
            header.accept(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        headers.forEach(header);
    }

    private static @Nullable String lastEventId(SseStreamRequest request) {
        String header = request.headers().getFirst("Last-Event-ID");
        return header != null ? header : request.queryParameter(LAST_EVENT_ID_PARAMETER);
    }

    private static boolean acceptsGzip(List<String> acceptEncoding) {
        for (String value : acceptEncoding) {
            for (String coding : value.split(",")) {
                String[] parts = coding.trim().split(";");
                boolean refused = parts.length > 1 && parts[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
                if (parts[0].trim().equalsIgnoreCase("gzip") && !refused) {
                    return true;
                }
            }
        }
        return false;
    }
}
