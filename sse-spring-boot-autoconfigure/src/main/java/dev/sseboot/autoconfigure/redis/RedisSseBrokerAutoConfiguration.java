package dev.sseboot.autoconfigure.redis;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.redis.RedisBrokerLifecycle;
import dev.sseboot.redis.RedisSseBroker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis broker when {@code sse.broker=redis}, on the application's
 * {@link RedisConnectionFactory} ({@code spring.data.redis.*}). Without Spring Data Redis on the
 * classpath that setting fails start-up and says what to add, rather than leaving the application
 * without a broker.
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
            return new RedisSseBroker(connectionFactory, properties.getRedis().getKeyPrefix(), settings.replaySize(),
                    settings.replayTtl());
        }

        @Bean
        RedisBrokerLifecycle sseRedisBrokerLifecycle(ObjectProvider<RedisSseBroker> broker,
                RedisConnectionFactory connectionFactory) {
            return new RedisBrokerLifecycle(broker, connectionFactory);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
    static class RedisMissingConfiguration {

        RedisMissingConfiguration() {
            throw new IllegalStateException("sse.broker=redis needs Spring Data Redis: add the dependency"
                    + " org.springframework.boot:spring-boot-starter-data-redis and point spring.data.redis.* at"
                    + " your Redis, or set sse.broker=memory");
        }
    }
}
