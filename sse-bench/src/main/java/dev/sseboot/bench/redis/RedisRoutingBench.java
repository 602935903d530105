package dev.sseboot.bench.redis;

import dev.sseboot.bench.result.RedisRoutingResult;
import dev.sseboot.bench.result.ResultsStore;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.redis.RedisSseBroker;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Bytes each broker instance receives from Redis, per routing: four {@code RedisSseBroker}s with
 * connection factories of their own share one Redis 7 ({@code /usr/bin/redis-server}); 1,000
 * channels are each served by exactly one of them; a fifth broker publishes 2,000 events a second
 * over all channels. Each instance reaches Redis through a {@link ByteCountingProxy}, which counts
 * every byte Redis sends it.
 *
 * <ul>
 *   <li>{@code per-channel}: each instance opens its own channels, as the hub does for the channels
 *   it has streams for: a subscription per channel.</li>
 *   <li>{@code every-event}: each instance opens the pattern {@code **}, so it receives every event
 *   of every channel, as every instance did when all events were announced on one topic (each
 *   message then also names the pattern, a few bytes more than that topic's messages did).</li>
 * </ul>
 *
 * <p>{@code RedisRoutingBench --results=DIR [--seconds=10]} writes {@code redis-routing.json}.
 */
public final class RedisRoutingBench {

    private static final int INSTANCES = 4;
    private static final int CHANNELS = 1_000;
    private static final int RATE = 2_000;
    private static final int DATA_BYTES = 100;
    private static final int PUBLISHERS = 4;
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    private RedisRoutingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path results = null;
        double seconds = 10;
        for (String arg : args) {
            if (arg.startsWith("--results=")) {
                results = Path.of(arg.substring("--results=".length()));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Double.parseDouble(arg.substring("--seconds=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected --results=DIR [--seconds=N]");
            }
        }
        if (results == null) {
            throw new IllegalArgumentException("--results=DIR is required");
        }
        Path redisServer = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(redisServer)) {
            throw new IllegalStateException(redisServer + " is missing: apt-get install -y redis-server");
        }
        int port = freePort();
        Process redis = new ProcessBuilder(redisServer.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitListening(port);
            String version = version(redisServer);
            List<RedisRoutingResult.Routing> routings = new ArrayList<>();
            routings.add(measure(port, seconds, "per-channel", "each instance opens the 250 channels it serves"
                    + " (one subscription each)", (broker, instance) -> servedBy(instance).forEach(broker::channelOpened)));
            routings.add(measure(port, seconds, "every-event", "each instance opens the pattern `**`: every event"
                    + " reaches every instance, as with one topic for all", (broker, instance) -> broker.patternOpened("**")));
            new ResultsStore(results).write(ResultsStore.REDIS_ROUTING, new RedisRoutingResult(version, INSTANCES,
                    CHANNELS, RATE, DATA_BYTES, seconds, routings));
            routings.forEach(routing -> System.out.printf("%s: %.0f events/s published; bytes/s from Redis per instance %s;"
                    + " events/s delivered per instance %s%n", routing.name(), routing.publishedPerSecond(),
                    rounded(routing.bytesPerSecond()), rounded(routing.deliveredPerSecond())));
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    private static List<String> servedBy(int instance) {
        List<String> channels = new ArrayList<>();
        for (int channel = instance; channel < CHANNELS; channel += INSTANCES) {
            channels.add(channel(channel));
        }
        return channels;
    }

    private static String channel(int index) {
        return "bench/" + index;
    }

    private static RedisRoutingResult.Routing measure(int redisPort, double seconds, String name, String description,
            BiConsumer<SseBroker, Integer> open) throws Exception {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            AtomicLongArray delivered = new AtomicLongArray(INSTANCES);
            List<ByteCountingProxy> proxies = new ArrayList<>();
            for (int instance = 0; instance < INSTANCES; instance++) {
                ByteCountingProxy proxy = new ByteCountingProxy(redisPort);
                resources.add(proxy);
                proxies.add(proxy);
                RedisSseBroker broker = broker(proxy.port(), resources);
                int index = instance;
                broker.start((channel, message, position) -> delivered.incrementAndGet(index));
                open.accept(broker, instance);
            }
            RedisSseBroker publisher = broker(redisPort, resources);
            publisher.start((channel, message, position) -> { });
            AtomicLong published = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> publishing = startPublishers(publisher, published, stop);
            Thread.sleep(WARM_UP.toMillis());
            long[] bytesBefore = proxies.stream().mapToLong(ByteCountingProxy::bytesFromRedis).toArray();
            long[] deliveredBefore = new long[INSTANCES];
            for (int i = 0; i < INSTANCES; i++) {
                deliveredBefore[i] = delivered.get(i);
            }
            long publishedBefore = published.get();
            long start = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            double elapsed = (System.nanoTime() - start) / 1e9;
            List<Double> bytes = new ArrayList<>();
            List<Double> events = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                bytes.add((proxies.get(i).bytesFromRedis() - bytesBefore[i]) / elapsed);
                events.add((delivered.get(i) - deliveredBefore[i]) / elapsed);
            }
            double publishedPerSecond = (published.get() - publishedBefore) / elapsed;
            stop.set(true);
            for (Thread thread : publishing) {
                thread.join();
            }
            return new RedisRoutingResult.Routing(name, description, publishedPerSecond, bytes, events);
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
        }
    }

    /** Publishers that together keep {@link #RATE} events a second over all channels, each on a fixed schedule. */
    private static List<Thread> startPublishers(SseBroker publisher, AtomicLong published, AtomicBoolean stop) {
        String data = "x".repeat(DATA_BYTES);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int first = p;
            Thread thread = new Thread(() -> {
                long intervalNanos = 1_000_000_000L * PUBLISHERS / RATE;
                long next = System.nanoTime();
                for (int i = first; !stop.get(); i += PUBLISHERS) {
                    publisher.publish(channel(i % CHANNELS), SseMessage.of(data));
                    published.incrementAndGet();
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }, "publisher-" + p);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private static RedisSseBroker broker(int port, List<AutoCloseable> resources) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        factory.start();
        resources.add(factory::destroy);
        RedisSseBroker broker = new RedisSseBroker(factory, "bench:", 100, Duration.ofMinutes(1));
        resources.add(broker::close);
        return broker;
    }

    private static String version(Path redisServer) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(redisServer.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor(10, TimeUnit.SECONDS);
        int start = output.indexOf("v=");
        return start < 0 ? output : output.substring(start + 2, output.indexOf(' ', start));
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("redis-server did not listen on port " + port + " within 10 s", e);
                }
                Thread.sleep(20);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
