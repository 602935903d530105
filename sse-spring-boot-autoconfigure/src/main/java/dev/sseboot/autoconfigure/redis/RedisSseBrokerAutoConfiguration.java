package dev.sseboot.autoconfigure.redis;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.redis.RedisBrokerLifecycle;
import dev.sseboot.redis.RedisSseBroker;
import dev.sseboot.redis.ReplicaAcks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis broker when {@code sse.broker=redis}, on the application's
 * {@link RedisConnectionFactory} ({@code spring.data.redis.*}). Without {@code dev.sseboot:sse-redis}
 * or Spring Data Redis on the classpath that setting fails start-up with a failure analysis saying
 * what to add, rather than leaving the application without a broker.
 */
@AutoConfiguration(before = SseAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "sse.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "sse.broker", havingValue = "redis")
public class RedisSseBrokerAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisConnectionFactory.class, RedisSseBroker.class})
    @EnableConfigurationProperties(SseProperties.class)
    static class RedisBrokerConfiguration {

        @Bean
        @ConditionalOnMissingBean(SseBroker.class)
        RedisSseBroker sseBroker(RedisConnectionFactory connectionFactory, SseSettings settings,
                SseProperties properties) {
            if (!(connectionFactory instanceof LettuceConnectionFactory)) {
                throw new IllegalStateException("sse.broker=redis needs the Lettuce client (Spring Boot's default), but"
                        + " the RedisConnectionFactory is a " + connectionFactory.getClass().getName()
                        + ": drop spring.data.redis.client-type=jedis, or add io.lettuce:lettuce-core");
            }
            SseProperties.Redis redis = properties.getRedis();
            ReplicaAcks replicaAcks = redis.getMinReplicaAcks() == 0 ? ReplicaAcks.NONE
                    : new ReplicaAcks(redis.getMinReplicaAcks(), redis.getMinReplicaAckTimeout());
            // The broker reads the topology (standalone, Sentinel, cluster) from the Lettuce factory.
            return new RedisSseBroker(connectionFactory, redis.getKeyPrefix(), settings.replaySize(),
                    settings.replayTtl(), replicaAcks);
        }

        @Bean
        RedisBrokerLifecycle sseRedisBrokerLifecycle(ObjectProvider<RedisSseBroker> broker,
                RedisConnectionFactory connectionFactory) {
            return new RedisBrokerLifecycle(broker, connectionFactory);
        }
    }

    /**
     * {@code sse.broker=redis} without the classes the Redis broker needs. The broker bean itself
     * fails, so start-up says what to add whichever bean asks for the broker first (a configuration
     * that failed on its own was not reached when the hub was created before it, and start-up then
     * only said that no SseBroker existed).
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisBrokerClassMissing.class)
    static class RedisBrokerMissingConfiguration {

        @Bean
        @ConditionalOnMissingBean(SseBroker.class)
        SseBroker sseBroker(ResourceLoader resourceLoader) {
            throw new RedisBrokerMissingException(resourceLoader.getClassLoader());
        }
    }

    /** Matches when either sse-redis or Spring Data Redis is absent. */
    static class RedisBrokerClassMissing extends AnyNestedCondition {

        RedisBrokerClassMissing() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnMissingClass(RedisBrokerMissingException.SPRING_DATA_REDIS)
        static class SpringDataRedisMissing {
        }

        @ConditionalOnMissingClass(RedisBrokerMissingException.SSE_REDIS)
        static class SseRedisMissing {
        }
    }
}
