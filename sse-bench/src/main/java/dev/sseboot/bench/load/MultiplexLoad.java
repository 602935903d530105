package dev.sseboot.bench.load;

import dev.sseboot.bench.protocol.BenchEvent;
import dev.sseboot.bench.protocol.EpochNanos;
import dev.sseboot.core.hub.CompositeEventId;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load of multiplexed streams: each stream reads several channels on one connection
 * ({@code GET {path}?channel=a&channel=b…}), and every event's composite id names the channel it
 * came from, so sequence numbers (the bench protocol's, counted per channel by the server) are
 * checked per stream and channel: a jump counts the skipped numbers as gaps, a repeat as a
 * duplicate. One thread and one selector read every stream, on the thread that calls
 * {@link #open} and {@link #measure}. Loopback targets only, like {@link LoadGenerator}.
 */
public final class MultiplexLoad implements AutoCloseable {

    private static final int CONNECT_BATCH = 256;
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final InetSocketAddress target;
    private final SourceAddresses sources;
    private final Selector selector;
    private final List<Stream> streams = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private boolean measuring;
    private long delivered;

    /**
     * @param streamPath the multiplexed endpoint's URL ({@code http://127.0.0.1:port/events})
     * @param channelsPerStream each stream's channels, in the order it requests them
     */
    public MultiplexLoad(URI streamPath, List<List<String>> channelsPerStream, int sourceAddresses) throws IOException {
        if (!"http".equals(streamPath.getScheme()) || !streamPath.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("the load generator only loads http servers on 127.0.0.0/8: " + streamPath);
        }
        this.target = new InetSocketAddress(streamPath.getHost(), streamPath.getPort());
        this.sources = new SourceAddresses(sourceAddresses);
        this.selector = Selector.open();
        for (List<String> channels : channelsPerStream) {
            streams.add(new Stream(channels, request(streamPath, channels)));
        }
    }

    private static byte[] request(URI streamPath, List<String> channels) {
        StringBuilder query = new StringBuilder();
        for (String channel : channels) {
            query.append(query.isEmpty() ? '?' : '&').append("channel=")
                    .append(URLEncoder.encode(channel, StandardCharsets.UTF_8));
        }
        return ("GET " + streamPath.getRawPath() + query + " HTTP/1.1\r\nHost: " + streamPath.getHost() + ":"
                + streamPath.getPort() + "\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Opens every stream, {@value #CONNECT_BATCH} connects per loop turn, and reads until all are
     * open or the timeout passes.
     *
     * @return the seconds it took; the streams that did not open count as closed
     */
    public double open(Duration timeout) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int next = 0;
        while (System.nanoTime() < deadline && openStreams() + closedStreams() < streams.size()) {
            for (int i = 0; i < CONNECT_BATCH && next < streams.size(); i++) {
                connect(streams.get(next++));
            }
            poll(10);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Reads for {@code warmUp} uncounted, then for {@code window}, and says what the open streams got in it. */
    public Window measure(Duration warmUp, Duration window) throws IOException {
        readFor(warmUp);
        long gapsBefore = gaps();
        long duplicatesBefore = duplicates();
        latencyMicros.reset();
        delivered = 0;
        measuring = true;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        readFor(window);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9 / seconds;
        measuring = false;
        return new Window(seconds, openStreams(), delivered, delivered / seconds, LatencySummary.ofMicros(latencyMicros),
                gaps() - gapsBefore, duplicates() - duplicatesBefore, closedStreams(), cpu);
    }

    /**
     * What the streams got in one window.
     *
     * @param generatorCpu the share of one core the reading thread used; near 1.0 the generator may be the limit
     */
    public record Window(double seconds, int openStreams, long delivered, double deliveredPerSecond,
            LatencySummary latency, long gaps, long duplicates, int closedStreams, double generatorCpu) {
    }

    private void readFor(Duration duration) throws IOException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            poll(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
    }

    private void connect(Stream stream) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.bind(new InetSocketAddress(sources.next(), 0));
        stream.channel = channel;
        if (channel.connect(target)) {
            stream.key = channel.register(selector, SelectionKey.OP_WRITE, stream);
        } else {
            stream.key = channel.register(selector, SelectionKey.OP_CONNECT, stream);
        }
    }

    private void poll(long timeoutMillis) throws IOException {
        selector.select(timeoutMillis);
        for (SelectionKey key : selector.selectedKeys()) {
            Stream stream = (Stream) key.attachment();
            try {
                if (key.isConnectable() && stream.channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    stream.channel.write(stream.request);
                    if (!stream.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    read(stream);
                }
            } catch (IOException | IllegalStateException e) {
                stream.close(e.toString());
            }
        }
        selector.selectedKeys().clear();
    }

    private void read(Stream stream) throws IOException {
        readBuffer.clear();
        int count = stream.channel.read(readBuffer);
        if (count < 0) {
            stream.close("the server closed the stream");
            return;
        }
        stream.receivedNanos = EpochNanos.now();
        if (stream.decoder.feed(readBuffer.array(), 0, count)) {
            stream.opened = true;
        }
    }

    private int openStreams() {
        return (int) streams.stream().filter(stream -> stream.opened && stream.closeReason == null).count();
    }

    private int closedStreams() {
        return (int) streams.stream().filter(stream -> stream.closeReason != null).count();
    }

    private long gaps() {
        return streams.stream().flatMap(stream -> stream.sequences.values().stream()).mapToLong(SequenceTracker::gaps)
                .sum();
    }

    private long duplicates() {
        return streams.stream().flatMap(stream -> stream.sequences.values().stream())
                .mapToLong(SequenceTracker::duplicates).sum();
    }

    @Override
    public void close() throws IOException {
        for (Stream stream : streams) {
            stream.close("the bench ended");
        }
        selector.close();
    }

    /** One multiplexed stream: its socket, decoder and a sequence tracker per channel it reads. */
    private final class Stream {

        private final List<String> channels;
        private final ByteBuffer request;
        private final StreamDecoder decoder;
        private final Map<String, SequenceTracker> sequences = new HashMap<>();
        private SocketChannel channel;
        private SelectionKey key;
        private boolean opened;
        private long receivedNanos;
        private String closeReason;

        Stream(List<String> channels, byte[] request) {
            this.channels = List.copyOf(channels);
            this.request = ByteBuffer.wrap(request);
            this.decoder = new StreamDecoder(event -> {
                CompositeEventId id = CompositeEventId.parse(event.id(), this.channels.size());
                BenchEvent bench = BenchEvent.parse(event.data());
                sequences.computeIfAbsent(id.source(), source -> new SequenceTracker()).accept(bench.sequence());
                if (measuring) {
                    delivered++;
                    latencyMicros.recordValue(Math.max(0, (receivedNanos - bench.publishedNanos()) / 1000));
                }
            });
        }

        void close(String reason) throws IOException {
            if (closeReason == null) {
                closeReason = reason;
            }
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                channel.close();
            }
        }
    }
}
