package dev.sseboot.redis;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small helpers for tests against a real Redis. */
public final class TestRedis {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private TestRedis() {
    }

    /** A started Lettuce factory as Spring Boot would build it, with a short command timeout. */
    public static LettuceConnectionFactory connectionFactory(int port, String username, String password) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("localhost", port);
        if (username != null) {
            server.setUsername(username);
            server.setPassword(password);
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server,
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** Polls until the condition holds, failing after {@link #WAIT}. */
    public static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Waited " + WAIT + " for " + what);
            }
            Thread.sleep(20);
        }
    }
}
