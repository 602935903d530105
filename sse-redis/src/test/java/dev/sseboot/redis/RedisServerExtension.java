package dev.sseboot.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * A real {@code redis-server} process (the binary shipped in {@code embedded-redis}) for one test
 * class, on a free port; a test can stop it and start it again on the same port to play an outage.
 *
 * <pre>{@code @RegisterExtension static RedisServerExtension redis = new RedisServerExtension();}</pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final int port = freePort();
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

    public int port() {
        return port;
    }

    /** Starts the server; it keeps nothing on disk, so a restart begins empty, like a crashed cache. */
    public synchronized void start() throws IOException {
        server = RedisServer.newRedisServer()
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
        start();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        if (server != null && server.isActive()) {
            stop();
        }
    }
}
