package dev.sseboot.core.client;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A Server-Sent Events client on the JDK {@link HttpClient}, behaving like a browser's
 * {@code EventSource}: it sends {@code Accept: text/event-stream}, {@code Cache-Control: no-cache}
 * and, once it has one, {@code Last-Event-ID}; it reconnects when the stream ends or the network
 * fails, after the reconnection time the server set with {@code retry:} (default 3 s), and backs
 * off exponentially while attempts keep failing.
 *
 * <p>Responses: {@code 200} with {@code text/event-stream} opens the stream; {@code 204} ends it
 * for good (the server's way to say "stop"); {@code 502}, {@code 503} (honouring a
 * {@code Retry-After} in seconds) and {@code 504} are retried; any other status or content type
 * fails for good with an {@link UnexpectedResponseException}.
 *
 * <p>No thread waits on a stream: bytes are parsed as the {@code HttpClient} delivers them (a
 * {@link java.util.concurrent.Flow.Subscriber} that requests one buffer list at a time, so a slow
 * listener slows the reading rather than filling memory), and reconnections are timed by the
 * JDK's shared delay scheduler. An {@code SseClient} is immutable and thread-safe; it can open any
 * number of connections, which share its {@code HttpClient}.
 *
 * <pre>{@code
 * SseClient client = SseClient.builder(URI.create("http://localhost:8080/events/news")).build();
 * try (SseClient.Connection connection = client.connect(event -> System.out.println(event.data()))) {
 *     ...
 * }
 * }</pre>
 */
public final class SseClient {

    private final HttpClient httpClient;
    private final HttpRequest request;
    private final String lastEventId;
    private final long reconnectDelayMillis;
    private final long maxBackoffMillis;
    private final int maxEventBytes;

    private SseClient(Builder builder) {
        HttpRequest.Builder request = HttpRequest.newBuilder(builder.uri).GET().timeout(builder.connectTimeout);
        for (Map.Entry<String, String> header : builder.headers) {
            request.header(header.getKey(), header.getValue());
        }
        this.request = request
                .setHeader("Accept", "text/event-stream")
                .setHeader("Cache-Control", "no-cache")
                .build();
        this.httpClient = builder.httpClient != null ? builder.httpClient : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(builder.connectTimeout)
                .build();
        this.lastEventId = builder.lastEventId;
        this.reconnectDelayMillis = builder.reconnectDelay.toMillis();
        this.maxBackoffMillis = builder.maxBackoff.toMillis();
        this.maxEventBytes = builder.maxEventBytes;
    }

    /** Starts configuring a client for the stream at {@code uri} ({@code http} or {@code https}). */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * Opens a connection and returns at once; the listener hears about the stream as it goes.
     * The connection reconnects until it is closed, the server answers {@code 204}, or it fails for
     * good.
     */
    public Connection connect(Listener listener) {
        ReconnectingConnection connection = new ReconnectingConnection(httpClient, request,
                Objects.requireNonNull(listener, "listener"), lastEventId, reconnectDelayMillis, maxBackoffMillis,
                maxEventBytes);
        connection.start();
        return connection;
    }

    /**
     * Hears one connection. Callbacks run one at a time, never concurrently, in stream order, on
     * the {@code HttpClient}'s threads (or the thread that calls {@link Connection#close()}). An
     * exception thrown by a callback is logged and the stream goes on.
     *
     * <p>Transient failures (end of stream, network errors, 502/503/504) are not errors: the client
     * logs them at debug, reconnects, and calls {@link #onOpen()} again when the stream is back.
     */
    @FunctionalInterface
    public interface Listener {

        /** The stream is open: the first time, and again after every reconnection. */
        default void onOpen() {
        }

        /** An event arrived. */
        void onEvent(SseEvent event);

        /** A comment arrived (often a heartbeat), one leading space stripped. */
        default void onComment(String text) {
        }

        /**
         * The connection failed for good (an unexpected response or an event over the size bound);
         * {@link #onClosed()} follows. By default this logs a warning.
         */
        default void onError(Throwable error) {
            LoggerFactory.getLogger(SseClient.class).warn("SSE connection failed for good", error);
        }

        /** The connection has ended for good; no callback follows. */
        default void onClosed() {
        }
    }

    /** One connection, across its reconnections. */
    public interface Connection extends AutoCloseable {

        /** The last event id this connection has seen, sent as {@code Last-Event-ID} on reconnect. */
        String lastEventId();

        /** How many times this connection has started reconnecting. */
        int reconnectCount();

        /** Whether the connection has ended for good. */
        boolean isClosed();

        /**
         * Ends the connection and any pending reconnection, then calls {@link Listener#onClosed()}
         * unless the connection had already ended. Once this returns no callback runs; it waits for
         * one already running. Closing twice does nothing.
         */
        @Override
        void close();
    }

    /** The server answered with a status or content type that ends the connection for good. */
    public static final class UnexpectedResponseException extends IOException {

        private static final long serialVersionUID = 1L;

        private final int statusCode;
        private final @Nullable String contentType;

        UnexpectedResponseException(int statusCode, @Nullable String contentType) {
            super("unexpected response: status " + statusCode + ", content type " + contentType);
            this.statusCode = statusCode;
            this.contentType = contentType;
        }

        public int statusCode() {
            return statusCode;
        }

        /** The response's {@code Content-Type}, or {@code null} when it had none. */
        public @Nullable String contentType() {
            return contentType;
        }
    }

    /** Configures an {@link SseClient}; every option has a default. */
    public static final class Builder {

        private final URI uri;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private @Nullable HttpClient httpClient;
        private String lastEventId = "";
        private Duration reconnectDelay = Duration.ofSeconds(3);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxEventBytes = SseParser.DEFAULT_MAX_EVENT_BYTES;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * The {@code HttpClient} to use, for example one shared by many clients or with an SSL
         * context. By default each {@code SseClient} builds one speaking HTTP/1.1 and following
         * redirects (except from https to http).
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Adds a request header, for example {@code Authorization}. {@code Accept},
         * {@code Cache-Control} and {@code Last-Event-ID} are the client's own and override these.
         */
        public Builder header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        /**
         * The id to resume after, sent as {@code Last-Event-ID} on the first request; none by default.
         * Only printable ASCII can be sent (a limit of the JDK client); any other id is not sent.
         */
        public Builder lastEventId(String lastEventId) {
            this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
            return this;
        }

        /** The reconnection time until the server sets one with {@code retry:}; 3 s by default, as in browsers. */
        public Builder reconnectDelay(Duration reconnectDelay) {
            this.reconnectDelay = requireNotNegative(reconnectDelay, "reconnectDelay");
            return this;
        }

        /**
         * The cap on the delay between consecutive failed attempts, which doubles from the
         * reconnection time; 30 s by default. A longer reconnection time set by the server wins.
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = requireNotNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** How long one attempt may take to connect and receive the response headers; 10 s by default. */
        public Builder connectTimeout(Duration connectTimeout) {
            if (connectTimeout.isZero() || connectTimeout.isNegative()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * The most bytes one line, or the data of one event, may take; a larger event fails the
         * connection for good. {@link SseParser#DEFAULT_MAX_EVENT_BYTES} by default.
         */
        public Builder maxEventBytes(int maxEventBytes) {
            if (maxEventBytes <= 0) {
                throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
            }
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalArgumentException if the URI is not http(s) or a header is not allowed
         */
        public SseClient build() {
            return new SseClient(this);
        }

        private static Duration requireNotNegative(Duration duration, String name) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + duration);
            }
            return duration;
        }
    }
}
