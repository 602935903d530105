package dev.sseboot.bench.ceiling;

import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.bench.protocol.EpochNanos;
import dev.sseboot.bench.protocol.ServerArgs;
import dev.sseboot.core.wire.SseEncoder;
import dev.sseboot.core.wire.SseMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: about the least work a server can do to serve the bench protocol, with no HTTP
 * framework. One thread and one selector accept connections, read request heads, answer
 * {@code GET /events/bench} with a close-delimited {@code text/event-stream} body, and at every
 * tick encode the event once and offer that frame to every stream with one write per socket.
 *
 * <p>A socket whose write would block skips the event (counted, and reported every 10 s on
 * standard output) rather than make the other streams wait: the ceiling measures the cost of
 * fan-out, not a buffering policy, and a skipped event shows only as a gap on that one stream.
 */
public final class RawSseServer {

    public static final String PATH = "/events/bench";

    private static final ByteBuffer STREAM_HEAD = ascii("HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream;charset=UTF-8\r\nCache-Control: no-cache\r\n"
            + "X-Accel-Buffering: no\r\nConnection: close\r\n\r\n");
    private static final ByteBuffer NOT_FOUND = ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n");
    /** Generous, so a connect storm measures the server rather than a short accept queue. */
    private static final int ACCEPT_BACKLOG = 4096;
    private static final long STATUS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final long periodNanos;
    private final List<RawClient> streams = new ArrayList<>();
    private final ByteBuffer discard = ByteBuffer.allocate(4096);
    private volatile boolean running = true;
    private long sequence;
    private long skipped;

    public RawSseServer(InetSocketAddress address, long periodNanos) throws IOException {
        this.periodNanos = periodNanos;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(address, ACCEPT_BACKLOG);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    public static void main(String[] args) throws IOException {
        ServerArgs arguments = ServerArgs.parse(args);
        RawSseServer server = new RawSseServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), arguments.port()), arguments.periodNanos());
        System.out.println("raw SSE server on http://" + server.address().getHostString() + ":"
                + server.address().getPort() + PATH + " at " + arguments.rate() + " events/s");
        server.run();
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** Serves until {@link #stop()}; publishing starts right away, streams or not. */
    public void run() throws IOException {
        long nextTick = System.nanoTime();
        long nextStatus = nextTick + STATUS_INTERVAL_NANOS;
        try {
            while (running) {
                long now = System.nanoTime();
                if (now >= nextStatus) {
                    System.out.println("streams=" + streams.size() + " published=" + sequence + " skipped=" + skipped);
                    nextStatus += STATUS_INTERVAL_NANOS;
                }
                if (now >= nextTick) {
                    // Behind schedule, ticks follow each other at once, with a look at the sockets in between.
                    publish();
                    nextTick += periodNanos;
                    selector.selectNow(this::handle);
                } else {
                    selector.select(this::handle, Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - now)));
                }
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }

    public void stop() {
        running = false;
        selector.wakeup();
    }

    private void publish() {
        String data = BenchEvent.format(sequence, EpochNanos.now());
        ByteBuffer frame = SseEncoder.encode(SseMessage.builder().id(Long.toString(sequence)).data(data).build())
                .asByteBuffer();
        sequence++;
        for (int i = 0; i < streams.size(); i++) {
            RawClient client = streams.get(i);
            try {
                if (!client.offer(frame)) {
                    skipped++;
                }
            } catch (IOException clientGone) {
                drop(client);
                i--;
            }
        }
    }

    private void handle(SelectionKey key) {
        if (key.isAcceptable()) {
            try {
                accept();
            } catch (IOException e) {
                // Out of file descriptors or a broken listener: the ceiling cannot go on, and says so.
                throw new UncheckedIOException("accept failed", e);
            }
            return;
        }
        RawClient client = (RawClient) key.attachment();
        try {
            read(client);
        } catch (IOException clientGone) {
            drop(client);
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            // Without it a small frame waits for the ACK of the previous one (Nagle), as in Tomcat's default.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, new RawClient(channel));
        }
    }

    private void read(RawClient client) throws IOException {
        if (client.streaming()) {
            discard.clear();
            if (client.channel().read(discard) < 0) {
                drop(client);
            }
            return;
        }
        String requestLine = client.readRequestLine();
        if (requestLine == null) {
            return;
        }
        if (requestLine.startsWith("GET " + PATH + " ") || requestLine.startsWith("GET " + PATH + "?")) {
            client.writeHead(STREAM_HEAD);
            client.index = streams.size();
            streams.add(client);
        } else {
            client.writeHead(NOT_FOUND);
            client.channel().close();
        }
    }

    /** Closes a client and removes it from the streams by moving the last stream into its place. */
    private void drop(RawClient client) {
        if (client.index >= 0) {
            RawClient last = streams.remove(streams.size() - 1);
            if (last != client) {
                streams.set(client.index, last);
                last.index = client.index;
            }
            client.index = -1;
        }
        try {
            client.channel().close();
        } catch (IOException e) {
            System.out.println("closing a client failed: " + e);
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }
}
