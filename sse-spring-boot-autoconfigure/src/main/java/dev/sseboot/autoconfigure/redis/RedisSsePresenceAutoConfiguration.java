package dev.sseboot.autoconfigure.redis;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.core.presence.LocalStreams;
import dev.sseboot.core.presence.SsePresence;
import dev.sseboot.redis.presence.RedisSsePresence;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Presence of the whole fleet when {@code sse.broker=redis}: every instance's streams summed in
 * the application's Redis under {@code sse.redis.key-prefix}, membership by heartbeat
 * ({@code sse.presence.*}). It takes the place of the single-instance presence, so
 * {@code SsePublisher.broadcast}, the fleet events and the actuator's fleet section span every
 * instance. Joins the fleet once the context has started, and leaves it before the connection
 * factory closes.
 */
@AutoConfiguration(before = SseAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "sse.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "sse.broker", havingValue = "redis")
@ConditionalOnClass({RedisConnectionFactory.class, RedisSsePresence.class})
@EnableConfigurationProperties(SseProperties.class)
public class RedisSsePresenceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SsePresence.class)
    RedisSsePresence ssePresence(LocalStreams localStreams, RedisConnectionFactory connectionFactory,
            SseProperties properties) {
        SseProperties.Presence presence = properties.getPresence();
        if (presence.getExpiry().compareTo(presence.getHeartbeat()) <= 0) {
            throw new InvalidConfigurationPropertyValueException("sse.presence.expiry", presence.getExpiry(),
                    "must be longer than sse.presence.heartbeat (" + presence.getHeartbeat() + ")");
        }
        return new RedisSsePresence(localStreams, connectionFactory, properties.getRedis().getKeyPrefix(),
                presence.getHeartbeat(), presence.getExpiry());
    }
}
