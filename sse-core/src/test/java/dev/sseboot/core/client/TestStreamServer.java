package dev.sseboot.core.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server whose responses each test scripts, one per request in order, recording every
 * request it receives. A request beyond the script is answered 204, which stops the client.
 */
final class TestStreamServer implements AutoCloseable {

    /** How long a held-open stream waits for the test to end before it ends itself. */
    private static final long HOLD_SECONDS = 30;

    /** Writes one response. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A request as the server saw it. */
    record Request(Headers headers, long arrivalNanos) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Responder> responders = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;

    TestStreamServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/events", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/events");
    }

    /** Scripts the responses to the next requests. */
    TestStreamServer then(Responder... next) {
        responders.addAll(List.of(next));
        return this;
    }

    Request nextRequest() throws InterruptedException {
        Request request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request within 10 s");
        }
        return request;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestHeaders(), System.nanoTime()));
        Responder responder = responders.poll();
        try {
            if (responder == null) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                responder.respond(exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while responding", e);
        } finally {
            exchange.close();
        }
    }

    /** A stream that sends {@code chunks} (each flushed on its own) and then ends. */
    static Responder stream(String... chunks) {
        return exchange -> {
            open(exchange);
            for (String chunk : chunks) {
                write(exchange, chunk);
            }
        };
    }

    /** A stream that sends {@code chunks} and then stays open until the test ends. */
    Responder streamAndHold(String... chunks) {
        return exchange -> {
            stream(chunks).respond(exchange);
            hold();
        };
    }

    static Responder status(int status, String... headerNamesAndValues) {
        return exchange -> {
            for (int i = 0; i < headerNamesAndValues.length; i += 2) {
                exchange.getResponseHeaders().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
            }
            exchange.sendResponseHeaders(status, -1);
        };
    }

    static void open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream;charset=UTF-8");
        exchange.sendResponseHeaders(200, 0);
    }

    static void write(HttpExchange exchange, String chunk) throws IOException {
        OutputStream body = exchange.getResponseBody();
        body.write(chunk.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    /** Keeps a response open until the test ends (bounded, in case it never does). */
    void hold() throws InterruptedException {
        released.await(HOLD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError("test server threads did not stop");
        }
    }
}
