package dev.sseboot.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real {@code redis-server} process for one test class, on a free port; a test can stop it and
 * start it again on the same port to play an outage. By default the Redis 6.2 binary shipped in
 * {@code embedded-redis}; {@link #redis7()} runs the machine's own {@code redis-server} (Debian's
 * 7.0: {@code apt-get install redis-server}).
 *
 * <pre>{@code @RegisterExtension static RedisServerExtension redis = new RedisServerExtension();}</pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, RedisDeployment {

    /** Where Debian installs Redis 7. */
    static final Path SYSTEM_REDIS = Path.of("/usr/bin/redis-server");
    static final Path SYSTEM_REDIS_CLI = Path.of("/usr/bin/redis-cli");

    private final int port = freePort();
    private final @Nullable Path executable;
    private RedisServer server;
    private RedisClient adminClient;
    private StatefulRedisConnection<String, String> admin;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Redis 6.2 from {@code embedded-redis}. */
    public RedisServerExtension() {
        this(null);
    }

    private RedisServerExtension(@Nullable Path executable) {
        this.executable = executable;
    }

    /**
     * The machine's {@code redis-server} (Redis 7 on Debian). Without it the test class is skipped,
     * saying so, as the browser test is without Chromium: {@code .ci/run} installs it.
     */
    public static RedisServerExtension redis7() {
        return new RedisServerExtension(SYSTEM_REDIS);
    }

    /** Skips the test class, saying why, when the machine has no Redis 7 ({@code redis-server} and {@code redis-cli}). */
    static void assumeSystemRedis() {
        Assumptions.assumeTrue(Files.isExecutable(SYSTEM_REDIS) && Files.isExecutable(SYSTEM_REDIS_CLI),
                () -> "Redis 7 is not installed at " + SYSTEM_REDIS + " and " + SYSTEM_REDIS_CLI
                        + ": 'apt-get install -y redis-server redis-tools' (.ci/run does)");
    }

    public int port() {
        return port;
    }

    @Override
    public LettuceConnectionFactory connectionFactory() {
        return TestRedis.connectionFactory(port, null, null);
    }

    @Override
    public long subscribers(String topic) {
        return commands().pubsubNumsub(topic).getOrDefault(topic, 0L);
    }

    @Override
    public boolean cluster() {
        return false;
    }

    /** Starts the server; it keeps nothing on disk, so a restart begins empty, like a crashed cache. */
    public synchronized void start() throws IOException {
        RedisServerBuilder builder = RedisServer.newRedisServer();
        if (executable != null) {
            Path binary = executable;
            builder.executableProvider(() -> binary.toFile());
        }
        server = builder
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
    }

    /** Stops the server process; clients see their connections drop and new ones refused. */
    public synchronized void stop() throws IOException {
        closeAdmin();
        server.stop();
    }

    /** Commands on a connection of the test's own, outside any application (admin, inspection). */
    @Override
    public synchronized RedisCommands<String, String> commands() {
        if (admin == null) {
            adminClient = RedisClient.create(RedisURI.builder().withHost("localhost").withPort(port)
                    .withTimeout(Duration.ofSeconds(5)).build());
            admin = adminClient.connect();
        }
        return admin.sync();
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close();
            adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            admin = null;
            adminClient = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (executable != null) {
            assumeSystemRedis();
        }
        start();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        if (server != null && server.isActive()) {
            stop();
        }
    }
}
