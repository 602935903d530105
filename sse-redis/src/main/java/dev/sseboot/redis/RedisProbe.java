package dev.sseboot.redis;

import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Whether Redis answers, judged by a {@code PING} on the connection publishes use (on a cluster, to
 * every master that owns slots). Redis counts as
 * unavailable once no ping has been answered for {@link #STALE_AFTER}, whether pings fail or hang
 * until the client's command timeout, so health turns DOWN within seconds of an outage and
 * publishes fail at once instead of each waiting out that timeout.
 */
final class RedisProbe {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration STALE_AFTER = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(RedisProbe.class);

    private final RedisLink redis;
    private volatile long lastAnswerNanos = System.nanoTime();
    // Probe thread only.
    private boolean failing;

    RedisProbe(RedisLink redis) {
        this.redis = redis;
    }

    /** Starts the grace period of {@link #STALE_AFTER} within which Redis must first answer. */
    void started() {
        lastAnswerNanos = System.nanoTime();
    }

    /** Pings Redis (blocking up to the command timeout); called every {@link #INTERVAL} on one thread. */
    boolean ping() {
        try {
            redis.connect();
            redis.ping();
        } catch (RedisException e) {
            if (!failing) {
                log.warn("Redis does not answer; SSE publishes fail until it does: {}", e.toString());
                failing = true;
            }
            return false;
        }
        lastAnswerNanos = System.nanoTime();
        if (failing) {
            log.info("Redis answers again");
            failing = false;
        }
        return true;
    }

    /** Whether Redis answered a ping recently. */
    boolean isAvailable() {
        return System.nanoTime() - lastAnswerNanos < STALE_AFTER.toNanos();
    }

    /** How long ago Redis last answered, for messages. */
    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastAnswerNanos);
    }
}
