package dev.sseboot.autoconfigure.redis;

import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sse.broker=redis}, but the Redis broker's classes are not on the classpath;
 * {@link RedisBrokerMissingFailureAnalyzer} turns it into start-up advice.
 */
class RedisBrokerMissingException extends IllegalStateException {

    static final String SPRING_DATA_REDIS = "org.springframework.data.redis.connection.RedisConnectionFactory";

    static final String SSE_REDIS = "dev.sseboot.redis.RedisSseBroker";

    /**
     * Names both dependencies, whichever is missing: sse-redis brings Spring Data Redis, but not
     * Boot's auto-configuration of it.
     */
    static final String ACTION = "Add the dependencies dev.sseboot:sse-redis and"
            + " org.springframework.boot:spring-boot-starter-data-redis and point spring.data.redis.* at your Redis,"
            + " or set sse.broker=memory.";

    private final String description;

    RedisBrokerMissingException(ClassLoader classLoader) {
        this(describe(classLoader));
    }

    private RedisBrokerMissingException(String description) {
        super(description + " " + ACTION);
        this.description = description;
    }

    private static String describe(ClassLoader classLoader) {
        List<String> missing = new ArrayList<>();
        if (!ClassUtils.isPresent(SSE_REDIS, classLoader)) {
            missing.add("dev.sseboot:sse-redis");
        }
        if (!ClassUtils.isPresent(SPRING_DATA_REDIS, classLoader)) {
            missing.add("Spring Data Redis");
        }
        return "sse.broker=redis needs the Redis broker, but " + String.join(" and ", missing)
                + (missing.size() == 1 ? " is" : " are") + " not on the classpath.";
    }

    /** What is absent. */
    String description() {
        return description;
    }
}
