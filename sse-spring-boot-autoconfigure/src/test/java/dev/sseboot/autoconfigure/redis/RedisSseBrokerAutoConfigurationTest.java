package dev.sseboot.autoconfigure.redis;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.core.broker.InMemorySseBroker;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.redis.RedisServerExtension;
import dev.sseboot.redis.RedisSseBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When the Redis broker is configured, and how start-up fails when it cannot be. */
class RedisSseBrokerAutoConfigurationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    RedisSseBrokerAutoConfiguration.class, SseAutoConfiguration.class))
            .withPropertyValues("spring.data.redis.port=" + redis.port());

    @Test
    void brokerRedisUsesTheApplicationsRedisConnection() {
        runner.withPropertyValues("sse.broker=redis", "sse.redis.key-prefix=app:").run(context -> {
            assertThat(context).hasSingleBean(SseBroker.class);
            SseBroker broker = context.getBean(SseBroker.class);
            assertThat(broker).isInstanceOf(RedisSseBroker.class);
            assertThat(context.getBean(SseHub.class).broker()).isSameAs(broker);

            broker.publish("configured", SseMessage.of("hello"));
            assertThat(redis.commands().xlen("app:{configured}")).isEqualTo(1);
        });
    }

    @Test
    void aKeyPrefixWithBracesFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("sse.broker=redis", "sse.redis.key-prefix=app{1}:")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("sse.redis.key-prefix").hasMessageContaining("hash tag"));
    }

    @Test
    void withoutTheSettingTheBrokerStaysInMemory() {
        runner.run(context -> assertThat(context.getBean(SseBroker.class)).isInstanceOf(InMemorySseBroker.class));
    }

    @Test
    void anApplicationsOwnBrokerWins() {
        runner.withPropertyValues("sse.broker=redis")
                .withBean(SseBroker.class, () -> new InMemorySseBroker(10, Duration.ofMinutes(1)))
                .run(context -> assertThat(context.getBean(SseBroker.class)).isInstanceOf(InMemorySseBroker.class));
    }

    @Test
    void withoutSpringDataRedisBrokerRedisFailsStartUpSayingWhatToAdd() {
        runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .withPropertyValues("sse.broker=redis")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(RedisBrokerMissingException.class)
                        .hasMessageContaining("but Spring Data Redis is not on the classpath")
                        .hasMessageContaining("dev.sseboot:sse-redis")
                        .hasMessageContaining("org.springframework.boot:spring-boot-starter-data-redis"));
    }

    @Test
    void withoutTheSseRedisModuleBrokerRedisFailsStartUpSayingWhatToAdd() {
        runner.withClassLoader(new FilteredClassLoader(RedisSseBroker.class))
                .withPropertyValues("sse.broker=redis")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(RedisBrokerMissingException.class)
                        .hasMessageContaining("but dev.sseboot:sse-redis is not on the classpath")
                        .hasMessageContaining("org.springframework.boot:spring-boot-starter-data-redis"));
    }

    @Test
    void anApplicationsOwnBrokerWinsWithoutTheRedisClasses() {
        runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class, RedisSseBroker.class))
                .withPropertyValues("sse.broker=redis")
                .withBean(SseBroker.class, () -> new InMemorySseBroker(10, Duration.ofMinutes(1)))
                .run(context -> assertThat(context).hasNotFailed().getBean(SseBroker.class)
                        .isInstanceOf(InMemorySseBroker.class));
    }

    @Test
    void aConnectionFactoryThatIsNotLettuceFailsStartUpSayingWhy() {
        RedisConnectionFactory other = (RedisConnectionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RedisConnectionFactory.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        runner.withPropertyValues("sse.broker=redis")
                .withBean(RedisConnectionFactory.class, () -> other)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("needs the Lettuce client"));
    }
}
