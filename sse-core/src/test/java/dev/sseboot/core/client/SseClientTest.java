package dev.sseboot.core.client;

import static dev.sseboot.core.client.RecordingListener.CLOSED;
import static dev.sseboot.core.client.RecordingListener.OPEN;
import static dev.sseboot.core.client.TestStreamServer.status;
import static dev.sseboot.core.client.TestStreamServer.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sseboot.core.wire.SseEvent;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SseClientTest {

    private TestStreamServer server;
    private final RecordingListener listener = new RecordingListener();
    private SseClient.Connection connection;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestStreamServer();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (connection != null) {
            connection.close();
        }
        server.close();
        assertThat(listener.callbacksOverlapped()).as("callbacks overlapped").isFalse();
    }

    private SseClient.Builder client() {
        return SseClient.builder(server.uri()).reconnectDelay(Duration.ofMillis(50));
    }

    private static SseEvent event(String id, String data) {
        return new SseEvent(id, "message", data);
    }

    @Test
    void deliversEventsInOrderAfterOpenAndSendsTheStreamHeaders() throws InterruptedException {
        StringBuilder events = new StringBuilder(": welcome\n\n");
        for (int i = 1; i <= 50; i++) {
            events.append("id: ").append(i).append("\nevent: tick\ndata: event ").append(i).append("\n\n");
        }
        server.then(server.streamAndHold(events.toString()));

        connection = client().build().connect(listener);

        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.next()).isEqualTo("comment welcome");
        for (int i = 1; i <= 50; i++) {
            assertThat(listener.nextEvent()).isEqualTo(new SseEvent(String.valueOf(i), "tick", "event " + i));
        }
        TestStreamServer.Request request = server.nextRequest();
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        assertThat(request.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(request.header("Last-Event-ID")).isNull();
        assertThat(connection.lastEventId()).isEqualTo("50");
        assertThat(connection.reconnectCount()).isZero();
    }

    @Test
    void reconnectsAfterTheServerDropsTheStreamSendingTheLastEventId() throws InterruptedException {
        server.then(
                stream("id: 1\ndata: a\n\n", "id: 2\ndata: b\n\n", "id: 3\ndata: c\n\n"),
                server.streamAndHold("data: d\n\n", "id: 4\ndata: e\n\n"));

        connection = client().build().connect(listener);

        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("1", "a"));
        assertThat(listener.nextEvent()).isEqualTo(event("2", "b"));
        assertThat(listener.nextEvent()).isEqualTo(event("3", "c"));
        assertThat(listener.next()).isEqualTo(OPEN);
        // The id carries over the reconnection until the server sends a new one, as in browsers.
        assertThat(listener.nextEvent()).isEqualTo(event("3", "d"));
        assertThat(listener.nextEvent()).isEqualTo(event("4", "e"));
        assertThat(server.nextRequest().header("Last-Event-ID")).isNull();
        assertThat(server.nextRequest().header("Last-Event-ID")).isEqualTo("3");
        assertThat(connection.reconnectCount()).isEqualTo(1);
        assertThat(connection.lastEventId()).isEqualTo("4");
    }

    @Test
    void honoursTheRetryTheServerSent() throws InterruptedException {
        CompletableFuture<Long> droppedAt = new CompletableFuture<>();
        server.then(
                exchange -> {
                    stream("retry: 200\ndata: x\n\n").respond(exchange);
                    droppedAt.complete(System.nanoTime());
                },
                server.streamAndHold("data: y\n\n"));

        // The default reconnection time is 3 s: only the server's retry can make it faster.
        connection = SseClient.builder(server.uri()).build().connect(listener);

        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("", "x"));
        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("", "y"));
        server.nextRequest();
        long gapNanos = server.nextRequest().arrivalNanos() - droppedAt.getNow(Long.MAX_VALUE);
        assertThat(Duration.ofNanos(gapNanos)).isBetween(Duration.ofMillis(190), Duration.ofMillis(2500));
    }

    @Test
    void stopsForGoodOn204() throws InterruptedException {
        server.then(status(204));

        connection = client().build().connect(listener);

        assertThat(listener.next()).isEqualTo(CLOSED);
        assertThat(connection.isClosed()).isTrue();
        server.nextRequest();
        assertThat(server.requests.poll(500, TimeUnit.MILLISECONDS)).as("a second request").isNull();
        assertThat(connection.reconnectCount()).isZero();
        assertThat(listener.signals).isEmpty();
    }

    @Test
    void retriesAfter503HonouringRetryAfter() throws InterruptedException {
        server.then(status(503, "Retry-After", "1"), server.streamAndHold("data: back\n\n"));

        connection = client().build().connect(listener);

        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("", "back"));
        long first = server.nextRequest().arrivalNanos();
        long second = server.nextRequest().arrivalNanos();
        // Without Retry-After the client would have waited its 50 ms reconnection time.
        assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(connection.reconnectCount()).isEqualTo(1);
    }

    @Test
    void retriesOn502And504UntilTheStreamOpens() throws InterruptedException {
        server.then(status(502), status(504), status(503), server.streamAndHold("data: ok\n\n"));

        connection = client().reconnectDelay(Duration.ofMillis(10)).build().connect(listener);

        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("", "ok"));
        assertThat(connection.reconnectCount()).isEqualTo(3);
    }

    @Test
    void keepsReconnectingWhileTheServerIsUnreachableUntilClosed() throws InterruptedException, IOException {
        URI unreachable;
        try (TestStreamServer gone = new TestStreamServer()) {
            unreachable = gone.uri();
        }
        connection = SseClient.builder(unreachable).reconnectDelay(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(40)).build().connect(listener);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connection.reconnectCount() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(connection.reconnectCount()).isGreaterThanOrEqualTo(3);
        assertThat(connection.isClosed()).isFalse();

        connection.close();
        assertThat(listener.next()).isEqualTo(CLOSED);
        assertThat(listener.signals).isEmpty();
    }

    @Test
    void failsForGoodOnAnUnexpectedStatus() throws InterruptedException {
        server.then(status(404));

        connection = client().build().connect(listener);

        assertThat(listener.next()).isInstanceOfSatisfying(SseClient.UnexpectedResponseException.class,
                e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(listener.next()).isEqualTo(CLOSED);
        assertThat(connection.isClosed()).isTrue();
        server.nextRequest();
        assertThat(server.requests.poll(500, TimeUnit.MILLISECONDS)).as("a second request").isNull();
    }

    @Test
    void failsForGoodOnAWrongContentTypeWithoutReadingTheBody() throws InterruptedException {
        server.then(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            TestStreamServer.write(exchange, "data: not an event stream\n\n");
            server.hold();
        });

        connection = client().build().connect(listener);

        assertThat(listener.next()).isInstanceOfSatisfying(SseClient.UnexpectedResponseException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(200);
            assertThat(e.contentType()).isEqualTo("text/plain");
        });
        assertThat(listener.next()).isEqualTo(CLOSED);
    }

    @Test
    void failsForGoodWhenAnEventExceedsTheBound() throws InterruptedException {
        server.then(server.streamAndHold("data: small\n\n", "data: " + "x".repeat(200) + "\n\n"));

        connection = client().maxEventBytes(64).build().connect(listener);

        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("", "small"));
        assertThat(listener.next()).isInstanceOfSatisfying(IllegalStateException.class,
                e -> assertThat(e).hasMessageContaining("64 bytes"));
        assertThat(listener.next()).isEqualTo(CLOSED);
    }

    @Test
    void sendsTheInitialLastEventIdAndCustomHeaders() throws InterruptedException {
        server.then(status(204));

        connection = client().lastEventId("42").header("Authorization", "Bearer token").build().connect(listener);

        assertThat(listener.next()).isEqualTo(CLOSED);
        TestStreamServer.Request request = server.nextRequest();
        assertThat(request.header("Authorization")).isEqualTo("Bearer token");
        assertThat(request.header("Last-Event-ID")).isEqualTo("42");
    }

    @Test
    void leavesOutALastEventIdTheJdkClientCannotSendFaithfully() throws InterruptedException {
        server.then(stream("id: \u00e9-1\ndata: a\n\n"));

        connection = client().lastEventId("\u00e9-0").build().connect(listener);

        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("\u00e9-1", "a"));
        assertThat(listener.next()).isEqualTo(CLOSED);
        assertThat(server.nextRequest().header("Last-Event-ID")).isNull();
        assertThat(server.nextRequest().header("Last-Event-ID")).isNull();
    }

    @Test
    void theConnectTimeoutDoesNotLimitAnOpenStream() throws InterruptedException {
        server.then(exchange -> {
            TestStreamServer.open(exchange);
            TestStreamServer.write(exchange, "data: a\n\n");
            Thread.sleep(800);
            TestStreamServer.write(exchange, "data: b\n\n");
            server.hold();
        });

        connection = client().connectTimeout(Duration.ofMillis(300)).build().connect(listener);

        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("", "a"));
        assertThat(listener.nextEvent()).isEqualTo(event("", "b"));
        assertThat(connection.reconnectCount()).isZero();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheStream() throws InterruptedException {
        server.then(server.streamAndHold("data: boom\n\n", "data: fine\n\n"));
        RecordingListener throwing = new RecordingListener() {
            @Override
            public void onEvent(SseEvent event) {
                super.onEvent(event);
                if (event.data().equals("boom")) {
                    throw new IllegalStateException("listener failure for the test");
                }
            }
        };

        try (SseClient.Connection throwingConnection = client().build().connect(throwing)) {
            assertThat(throwing.next()).isEqualTo(OPEN);
            assertThat(throwing.nextEvent()).isEqualTo(event("", "boom"));
            assertThat(throwing.nextEvent()).isEqualTo(event("", "fine"));
            assertThat(throwingConnection.reconnectCount()).isZero();
        }
        assertThat(throwing.next()).isEqualTo(CLOSED);
    }

    @Test
    void closeEndsTheConnectionAndNoEventFollows() throws InterruptedException {
        CompletableFuture<Boolean> clientGone = new CompletableFuture<>();
        server.then(exchange -> {
            TestStreamServer.open(exchange);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (System.nanoTime() < deadline) {
                    TestStreamServer.write(exchange, "data: tick\n\n");
                    Thread.sleep(20);
                }
                clientGone.complete(false);
            } catch (IOException e) {
                clientGone.complete(true);
            }
        });
        List<SseEvent> received = new CopyOnWriteArrayList<>();
        RecordingListener counting = new RecordingListener() {
            @Override
            public void onEvent(SseEvent event) {
                received.add(event);
                super.onEvent(event);
            }
        };
        SseClient.Connection closing = client().build().connect(counting);
        assertThat(counting.next()).isEqualTo(OPEN);
        assertThat(counting.nextEvent()).isEqualTo(event("", "tick"));

        closing.close();
        int receivedAtClose = received.size();

        assertThat(closing.isClosed()).isTrue();
        assertThat(clientGone).succeedsWithin(Duration.ofSeconds(15)).isEqualTo(true);
        assertThat(received).hasSize(receivedAtClose);
        assertThat(counting.signals).last().isEqualTo(CLOSED);
        assertThat(counting.signals.stream().filter(CLOSED::equals)).hasSize(1);
        assertThat(counting.callbacksOverlapped()).isFalse();
        closing.close();
        assertThat(counting.signals.stream().filter(CLOSED::equals)).as("closing twice").hasSize(1);
    }

    @Test
    void closeDuringTheReconnectionDelayCancelsTheReconnection() throws InterruptedException {
        server.then(stream("retry: 300\ndata: x\n\n"), server.streamAndHold("data: y\n\n"));

        connection = client().build().connect(listener);
        assertThat(listener.next()).isEqualTo(OPEN);
        assertThat(listener.nextEvent()).isEqualTo(event("", "x"));
        server.nextRequest();
        connection.close();

        assertThat(listener.next()).isEqualTo(CLOSED);
        assertThat(server.requests.poll(1, TimeUnit.SECONDS)).as("a reconnection after close").isNull();
    }

    @Test
    void rejectsABadConfiguration() {
        SseClient.Builder builder = SseClient.builder(server.uri());

        assertThatThrownBy(() -> builder.reconnectDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectDelay");
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> builder.maxEventBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEventBytes");
        assertThatThrownBy(() -> SseClient.builder(URI.create("ftp://example.com/events")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
