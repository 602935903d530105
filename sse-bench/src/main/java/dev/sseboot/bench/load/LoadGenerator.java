package dev.sseboot.bench.load;

import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.bench.protocol.EpochNanos;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Opens and reads many event streams of one URL from a single thread and a selector (no thread per
 * stream), and measures what they receive. Public methods may be called from any thread; they hand
 * their work to the loop thread and wait for it.
 *
 * <p>Only loopback targets are accepted: this is a load generator, and the only servers it may
 * load are the ones the bench started on this machine.
 */
public final class LoadGenerator implements AutoCloseable {

    /**
     * The receive buffer a stall candidate asks for (the kernel rounds it up to its minimum), so
     * that once it stops reading, the server's writes back up after as few bytes as possible.
     */
    static final int STALLED_RECEIVE_BUFFER = 1024;
    /** Connects started per loop turn at most, so a storm does not starve the reads of open streams. */
    private static final int CONNECT_BATCH = 256;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final long EXPIRY_SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final InetSocketAddress target;
    private final byte[] request;
    private final SourceAddresses sources;
    private final Selector selector;
    private final Thread loop;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<StreamConnection> connections = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final StreamConnection.EventSink sink = this::onEvent;
    private Ramp ramp;
    private long lastExpiryScan;
    private Measurement measurement;
    private volatile boolean running = true;
    private volatile Throwable loopFailure;

    /**
     * @param url an {@code http://} URL on a loopback address
     * @param sourceAddresses how many local addresses (127.0.0.2 on) to spread the streams over
     */
    public LoadGenerator(URI url, int sourceAddresses) throws IOException {
        this.target = loopbackTarget(url);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + target.getPort()
                + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.sources = new SourceAddresses(sourceAddresses);
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "sse-load-" + target.getPort());
        loop.setDaemon(true);
        loop.start();
    }

    /**
     * Opens {@code streams} more streams at {@code perSecond} connects per second
     * ({@link Double#POSITIVE_INFINITY} for a storm) and waits until each opened or failed.
     *
     * @param stallOneIn every n-th stream (counting all streams of this generator) is a stall
     *     candidate with a minimal receive buffer, for {@link #stall()}; 0 for none
     */
    public OpenResult open(int streams, double perSecond, int stallOneIn, Duration timeout) {
        CompletableFuture<OpenResult> done = call(() -> {
            if (ramp != null) {
                throw new IllegalStateException("an open is already in progress");
            }
            ramp = new Ramp(streams, perSecond, stallOneIn, timeout.toNanos(), System.nanoTime());
            CompletableFuture<OpenResult> future = ramp.done();
            finishRampIfDone();
            return future;
        }).thenCompose(future -> future);
        Duration rampTime = Double.isInfinite(perSecond)
                ? Duration.ZERO
                : Duration.ofMillis((long) (streams * 1000 / perSecond));
        return await(done, rampTime.plus(timeout).plus(COMMAND_TIMEOUT));
    }

    /**
     * Measures a window: events published in the next {@code window} count; the call returns after
     * a further {@code grace} for late ones. Streams that are stalled are left out.
     *
     * @param onTime an event that arrives later than this after its publication is late
     */
    public WindowResult measure(Duration window, Duration grace, Duration onTime) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getThreadCpuTime(loop.getId());
        long wallStart = System.nanoTime();
        await(call(() -> {
            List<StreamConnection> measured = new ArrayList<>();
            for (StreamConnection connection : connections) {
                if (connection.isOpen() && !connection.isClosed() && !connection.stalled()) {
                    measured.add(connection);
                }
            }
            measurement = new Measurement(EpochNanos.now(), window.toNanos(), onTime.toNanos(), measured);
            return null;
        }), COMMAND_TIMEOUT);
        Thread.sleep(window.plus(grace).toMillis());
        double cpu = (threads.getThreadCpuTime(loop.getId()) - cpuStart) / (double) (System.nanoTime() - wallStart);
        return await(call(() -> {
            int stalled = (int) connections.stream().filter(StreamConnection::stalled).count();
            WindowResult result = measurement.result(stalled, cpu);
            measurement = null;
            return result;
        }), COMMAND_TIMEOUT);
    }

    /** Stops reading on every stall candidate that is open; returns how many. */
    public int stall() {
        return await(call(() -> forCandidates(StreamConnection::stall)), COMMAND_TIMEOUT);
    }

    /** Reads the stall candidates again; returns how many. */
    public int resume() {
        return await(call(() -> forCandidates(StreamConnection::resume)), COMMAND_TIMEOUT);
    }

    /** Counters over every stream this generator opened. */
    public StreamTotals totals() {
        return totals(connection -> true);
    }

    /** Counters over the stall candidates only. */
    public StreamTotals stallCandidateTotals() {
        return totals(StreamConnection::stallCandidate);
    }

    /** Stops the loop, which closes every stream. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        loop.join(COMMAND_TIMEOUT.toMillis());
    }

    private StreamTotals totals(Predicate<StreamConnection> which) {
        return await(call(() -> {
            int count = 0;
            int open = 0;
            Map<String, Integer> closed = new TreeMap<>();
            long bytes = 0;
            long events = 0;
            long gaps = 0;
            long duplicates = 0;
            long minEvents = Long.MAX_VALUE;
            long maxEvents = 0;
            long minFirst = Long.MAX_VALUE;
            long maxFirst = -1;
            for (StreamConnection connection : connections) {
                if (!which.test(connection)) {
                    continue;
                }
                SequenceTracker sequence = connection.sequence();
                count++;
                if (connection.isOpen()) {
                    if (connection.isClosed()) {
                        closed.merge(connection.closeReason(), 1, Integer::sum);
                    } else {
                        open++;
                    }
                }
                bytes += connection.bytesRead();
                events += sequence.received();
                gaps += sequence.gaps();
                duplicates += sequence.duplicates();
                minEvents = Math.min(minEvents, sequence.received());
                maxEvents = Math.max(maxEvents, sequence.received());
                if (sequence.first() >= 0) {
                    minFirst = Math.min(minFirst, sequence.first());
                    maxFirst = Math.max(maxFirst, sequence.first());
                }
            }
            return new StreamTotals(count, open, closed, bytes, events, gaps, duplicates,
                    count == 0 ? 0 : minEvents, maxEvents, maxFirst < 0 ? -1 : minFirst, maxFirst);
        }), COMMAND_TIMEOUT);
    }

    private int forCandidates(Consumer<StreamConnection> action) {
        int count = 0;
        for (StreamConnection connection : connections) {
            if (connection.stallCandidate() && connection.isOpen() && !connection.isClosed()) {
                action.accept(connection);
                count++;
            }
        }
        return count;
    }

    private void run() {
        try {
            while (running) {
                Runnable command;
                while ((command = commands.poll()) != null) {
                    command.run();
                }
                long now = System.nanoTime();
                if (ramp != null) {
                    startDueConnects(now);
                    expireSlowConnects(now);
                    finishRampIfDone();
                }
                long timeoutMillis = ramp != null && !ramp.allStarted() ? 1 : 100;
                selector.select(this::handle, timeoutMillis);
            }
        } catch (IOException | RuntimeException | Error e) {
            loopFailure = e;
        } finally {
            closeAll();
        }
    }

    private void startDueConnects(long now) {
        int due = ramp.due(now, CONNECT_BATCH);
        for (int i = 0; i < due; i++) {
            startConnect(ramp.stallCandidate(connections.size()));
        }
    }

    private void startConnect(boolean stallCandidate) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (stallCandidate) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, STALLED_RECEIVE_BUFFER);
            }
            channel.bind(new InetSocketAddress(sources.next(), 0));
            StreamConnection connection = new StreamConnection(channel, stallCandidate, ByteBuffer.wrap(request),
                    sink, System.nanoTime());
            boolean connected = channel.connect(target);
            connection.register(channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, connection));
            connections.add(connection);
            ramp.started(connection);
            if (connected) {
                connection.sendRequest();
            }
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            ramp.startFailed(reason(e));
        }
    }

    private void expireSlowConnects(long now) {
        if (now - lastExpiryScan < EXPIRY_SCAN_NANOS) {
            return;
        }
        lastExpiryScan = now;
        for (StreamConnection connection : ramp.expired(now)) {
            fail(connection, "timed out before the response head");
        }
    }

    private void handle(SelectionKey key) {
        StreamConnection connection = (StreamConnection) key.attachment();
        try {
            if (key.isConnectable()) {
                connection.channel().finishConnect();
                connection.sendRequest();
            } else if (key.isWritable()) {
                connection.sendRequest();
            } else if (key.isReadable()) {
                read(connection);
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            fail(connection, reason(e));
        }
    }

    private void read(StreamConnection connection) throws IOException {
        readBuffer.clear();
        int count = connection.channel().read(readBuffer);
        if (count < 0) {
            fail(connection, "closed by the server");
            return;
        }
        if (count == 0) {
            return;
        }
        boolean opened = connection.onBytes(readBuffer.array(), count, EpochNanos.now(), System.nanoTime());
        if (opened && ramp != null && ramp.isPending(connection)) {
            ramp.opened(connection);
            finishRampIfDone();
        }
        if (connection.ended()) {
            fail(connection, "response completed by the server");
        }
    }

    private void onEvent(StreamConnection connection, BenchEvent event, long receivedNanos) {
        if (measurement != null) {
            measurement.record(connection, event, receivedNanos);
        }
    }

    /** Ends a stream: one still opening counts as a failed open, an open one as closed for {@code reason}. */
    private void fail(StreamConnection connection, String reason) {
        try {
            connection.close(reason);
        } catch (IOException e) {
            reason = reason + " (and closing failed: " + e.getMessage() + ")";
        }
        if (ramp != null && ramp.isPending(connection)) {
            ramp.failed(connection, reason);
            finishRampIfDone();
        }
    }

    /** Forgets the open in progress once every stream of it opened or failed, so the next may begin. */
    private void finishRampIfDone() {
        if (ramp != null && ramp.done().isDone()) {
            ramp = null;
        }
    }

    private void closeAll() {
        for (StreamConnection connection : connections) {
            try {
                connection.close("the generator stopped");
            } catch (IOException e) {
                loopFailure = loopFailure == null ? e : loopFailure;
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            loopFailure = loopFailure == null ? e : loopFailure;
        }
    }

    private <T> CompletableFuture<T> call(CommandBody<T> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!loop.isAlive()) {
            future.completeExceptionally(new IllegalStateException("the load generator's loop has stopped", loopFailure));
            return future;
        }
        commands.add(() -> {
            try {
                future.complete(body.run());
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        selector.wakeup();
        return future;
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("load generator command failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("load generator did not answer within " + timeout
                    + (loopFailure != null ? "; its loop died of " + loopFailure : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the load generator", e);
        }
    }

    private static void closeAfterFailure(SocketChannel channel, IOException failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static InetSocketAddress loopbackTarget(URI url) throws UnknownHostException {
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("expected an http:// URL with a host: " + url);
        }
        InetAddress host = InetAddress.getByName(url.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("load goes to loopback addresses only, not " + host);
        }
        return new InetSocketAddress(host, url.getPort() < 0 ? 80 : url.getPort());
    }

    /** Work run on the loop thread. */
    @FunctionalInterface
    private interface CommandBody<T> {
        T run() throws IOException;
    }
}
