package dev.sseboot.core.client;

import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.core.wire.SseParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link SseClient.Connection}: a chain of attempts, one at a time, each started when the
 * previous one has ended (plus the reconnection delay), until it is closed or fails for good.
 * One parser serves every attempt, so the last event id carries across reconnections.
 */
final class ReconnectingConnection implements SseClient.Connection {

    private static final Logger log = LoggerFactory.getLogger(ReconnectingConnection.class);

    private final HttpClient httpClient;
    private final HttpRequest request;
    /** The stream's URL as logged: without its query, which may carry a credential (a stream token). */
    private final String where;
    private final SseClient.Listener listener;
    private final long maxBackoffMillis;
    private final SseParser parser;
    private final ReentrantLock callbackLock = new ReentrantLock();
    private final AtomicInteger reconnects = new AtomicInteger();

    /** Set once the connection must not go on: by close(), a 204 or a failure for good. */
    private volatile boolean closed;
    /** Set, under callbackLock, once onClosed has been called: no callback may follow. */
    private boolean finished;
    private volatile String lastEventId;
    private volatile long retryMillis;
    /** Consecutive attempts that did not open a stream. */
    private volatile int failures;
    private volatile @Nullable CompletableFuture<?> pendingResponse;
    private volatile Flow.@Nullable Subscription subscription;

    ReconnectingConnection(HttpClient httpClient, HttpRequest request, SseClient.Listener listener,
            String lastEventId, long retryMillis, long maxBackoffMillis, int maxEventBytes) {
        this.httpClient = httpClient;
        this.request = request;
        this.where = withoutCredentials(request.uri());
        this.listener = listener;
        this.lastEventId = lastEventId;
        this.retryMillis = retryMillis;
        this.maxBackoffMillis = maxBackoffMillis;
        this.parser = new SseParser(new Dispatcher(), maxEventBytes, lastEventId);
    }

    /**
     * The delay before the next attempt: the reconnection time after a stream that had opened and
     * after the first failed attempt, then doubling per further failure up to the cap (or up to
     * the reconnection time, when that is longer). A zero reconnection time backs off from 1 ms,
     * so a server that keeps failing is never hammered in a tight loop.
     */
    static long reconnectDelay(long retryMillis, int failures, long maxBackoffMillis) {
        if (failures <= 1) {
            return retryMillis;
        }
        long cap = Math.max(retryMillis, maxBackoffMillis);
        long delay = Math.max(retryMillis, 1);
        for (int i = 1; i < failures && delay < cap; i++) {
            delay = delay > cap / 2 ? cap : delay * 2;
        }
        return Math.min(delay, cap);
    }

    void start() {
        attempt();
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public int reconnectCount() {
        return reconnects.get();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        // A stream or response that starts after these reads sees closed and cancels itself.
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        CompletableFuture<?> response = pendingResponse;
        if (response != null) {
            response.cancel(true);
        }
        finish();
    }

    private void attempt() {
        if (closed) {
            return;
        }
        Attempt attempt = new Attempt();
        CompletableFuture<HttpResponse<Void>> response = httpClient.sendAsync(requestResuming(lastEventId), attempt);
        pendingResponse = response;
        if (closed) {
            response.cancel(true);
        }
        response.whenComplete((result, error) -> ended(attempt, result, error));
    }

    /**
     * The request, with {@code Last-Event-ID} when there is an id to resume after. The JDK client
     * writes header values as US-ASCII (anything else becomes {@code ?}) and rejects control
     * characters, so an id outside printable ASCII cannot be sent faithfully: rather than resume
     * from a wrong id, the client then reconnects without one.
     */
    private HttpRequest requestResuming(String id) {
        if (id.isEmpty()) {
            return request;
        }
        if (!id.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            log.warn("SSE stream {}: last event id {} is not printable ASCII and cannot be sent; "
                    + "reconnecting without Last-Event-ID", where, id);
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).setHeader("Last-Event-ID", id).build();
    }

    private void ended(Attempt attempt, @Nullable HttpResponse<Void> response, @Nullable Throwable error) {
        if (closed) {
            return;
        }
        if (attempt.parseFailure != null) {
            fail(attempt.parseFailure);
        } else if (attempt.opened) {
            // A stream that opened and then ended or broke is the normal case for reconnection.
            reconnectAfter(retryMillis, error == null ? "ended" : "broke", error);
        } else if (error != null) {
            failures++;
            reconnectAfter(reconnectDelay(retryMillis, failures, maxBackoffMillis), "could not connect", error);
        } else {
            answered(response);
        }
    }

    private void answered(HttpResponse<Void> response) {
        int status = response.statusCode();
        if (status == 204) {
            log.debug("SSE stream {} answered 204: not reconnecting", where);
            closed = true;
            finish();
        } else if (status == 502 || status == 503 || status == 504) {
            failures++;
            long retryAfter = status == 503 ? retryAfterMillis(response.headers()) : -1;
            long delay = retryAfter >= 0 ? retryAfter : reconnectDelay(retryMillis, failures, maxBackoffMillis);
            reconnectAfter(delay, "answered " + status, null);
        } else {
            fail(new SseClient.UnexpectedResponseException(status,
                    response.headers().firstValue("Content-Type").orElse(null)));
        }
    }

    private void reconnectAfter(long delayMillis, String why, @Nullable Throwable cause) {
        Throwable reason = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        log.debug("SSE stream {} {}; reconnecting in {} ms", where, why, delayMillis, reason);
        reconnects.incrementAndGet();
        CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS).execute(this::attempt);
    }

    /** {@code Retry-After} in seconds, as millis; -1 when absent or a date (then backoff applies). */
    private static long retryAfterMillis(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").map(String::trim).orElse("");
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long maxSeconds = Long.MAX_VALUE / 1000;
        return value.length() > 18 ? maxSeconds * 1000 : Math.min(Long.parseLong(value), maxSeconds) * 1000;
    }

    private static boolean isEventStream(HttpHeaders headers) {
        String contentType = headers.firstValue("Content-Type").orElse("");
        int parameters = contentType.indexOf(';');
        String essence = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return essence.trim().equalsIgnoreCase("text/event-stream");
    }

    private void fail(Throwable error) {
        closed = true;
        emit(l -> l.onError(error));
        finish();
    }

    private void finish() {
        callbackLock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            listener.onClosed();
        } catch (RuntimeException e) {
            log.warn("SSE listener onClosed threw", e);
        } finally {
            callbackLock.unlock();
        }
    }

    /** Runs one listener callback, never concurrently with another and never after onClosed. */
    private void emit(Consumer<SseClient.Listener> callback) {
        callbackLock.lock();
        try {
            if (!finished) {
                callback.accept(listener);
            }
        } catch (RuntimeException e) {
            log.warn("SSE listener threw; the stream goes on", e);
        } finally {
            callbackLock.unlock();
        }
    }

    /** Hands what the parser reads to the listener; runs on the thread feeding the parser. */
    private final class Dispatcher implements SseParser.Handler {

        @Override
        public void onEvent(SseEvent event) {
            lastEventId = event.id();
            emit(l -> l.onEvent(event));
        }

        @Override
        public void onRetry(long millis) {
            retryMillis = millis;
        }

        @Override
        public void onComment(String text) {
            emit(l -> l.onComment(text));
        }
    }

    /**
     * One request: judges the response by its status and headers and, when it opens a stream,
     * feeds the body to the parser one buffer list at a time.
     */
    private final class Attempt implements HttpResponse.BodyHandler<Void>, HttpResponse.BodySubscriber<Void> {

        private final CompletableFuture<Void> body = new CompletableFuture<>();
        private volatile boolean opened;
        private volatile @Nullable RuntimeException parseFailure;
        private Flow.@Nullable Subscription upstream;

        @Override
        public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
            if (closed || info.statusCode() != 200 || !isEventStream(info.headers())) {
                return new Unread();
            }
            opened = true;
            failures = 0;
            emit(SseClient.Listener::onOpen);
            return this;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription upstream) {
            this.upstream = upstream;
            subscription = upstream;
            if (closed) {
                upstream.cancel();
                return;
            }
            upstream.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    parser.feed(buffer);
                }
            } catch (RuntimeException e) {
                // Listener exceptions are caught in emit, so this is the parser's bound on event size.
                parseFailure = e;
                upstream.cancel();
                body.complete(null);
                return;
            }
            lastEventId = parser.lastEventId();
            upstream.request(1);
        }

        @Override
        public void onError(Throwable error) {
            parser.end();
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            parser.end();
            body.complete(null);
        }
    }

    /**
     * The body of a response that opens no stream: it is judged by status and headers alone, so
     * reading stops at once (a wrong-type 200 might never end) and its end does not matter.
     */
    private static final class Unread implements HttpResponse.BodySubscriber<Void> {

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // Nothing is requested; a buffer already in flight when the body was cancelled is dropped.
        }

        @Override
        public void onError(Throwable error) {
            log.debug("Unread SSE response body ended with an error", error);
        }

        @Override
        public void onComplete() {
            // Nothing to release: no byte was kept.
        }
    }

    /** Scheme, host, port and path: neither the query nor user info, where credentials may be. */
    private static String withoutCredentials(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath();
    }
}
