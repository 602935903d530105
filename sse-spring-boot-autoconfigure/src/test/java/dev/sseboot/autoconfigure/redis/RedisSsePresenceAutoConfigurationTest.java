package dev.sseboot.autoconfigure.redis;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.core.presence.LocalSsePresence;
import dev.sseboot.core.presence.LocalStreams;
import dev.sseboot.core.presence.SsePresence;
import dev.sseboot.redis.RedisServerExtension;
import dev.sseboot.redis.presence.RedisSsePresence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;

import static dev.sseboot.redis.TestRedis.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When the fleet presence on Redis is configured, with which settings, and that it leaves on close. */
class RedisSsePresenceAutoConfigurationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    RedisSseBrokerAutoConfiguration.class, RedisSsePresenceAutoConfiguration.class,
                    SseAutoConfiguration.class))
            .withPropertyValues("spring.data.redis.port=" + redis.port());

    private static long redisMillis() {
        List<String> time = redis.commands().time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    @Test
    void brokerRedisJoinsTheFleetWithTheConfiguredTimesAndLeavesOnClose() {
        String[] id = new String[1];
        runner.withPropertyValues("sse.broker=redis", "sse.redis.key-prefix=app:", "sse.presence.heartbeat=1s",
                "sse.presence.expiry=30s").run(context -> {
                    assertThat(context).hasSingleBean(SsePresence.class).hasSingleBean(LocalStreams.class);
                    RedisSsePresence presence = context.getBean(RedisSsePresence.class);
                    assertThat(presence.isRunning()).isTrue();
                    id[0] = presence.instanceId();

                    await().atMost(WAIT).untilAsserted(() -> assertThat(redis.commands()
                            .zscore("app:{#presence}:instances", id[0])).isNotNull());
                    double deadline = redis.commands().zscore("app:{#presence}:instances", id[0]);
                    assertThat(deadline - redisMillis()).as("the member's time is the expiry from its last beat")
                            .isGreaterThan(25_000).isLessThanOrEqualTo(30_000);
                });
        assertThat(redis.commands().zscore("app:{#presence}:instances", id[0])).as("left when the context closed")
                .isNull();
    }

    @Test
    void withoutTheSettingPresenceIsThisInstances() {
        runner.run(context -> assertThat(context.getBean(SsePresence.class)).isInstanceOf(LocalSsePresence.class));
    }

    @Test
    void anApplicationsOwnPresenceWins() {
        runner.withPropertyValues("sse.broker=redis")
                .withBean(SsePresence.class, () -> new LocalSsePresence(LocalStreams.create(10)))
                .run(context -> assertThat(context).doesNotHaveBean(RedisSsePresence.class)
                        .getBean(SsePresence.class).isInstanceOf(LocalSsePresence.class));
    }

    @Test
    void withoutTheRedisPresenceClassPresenceIsThisInstances() {
        runner.withClassLoader(new FilteredClassLoader(RedisSsePresence.class)).withPropertyValues("sse.broker=redis")
                .run(context -> assertThat(context.getBean(SsePresence.class)).isInstanceOf(LocalSsePresence.class));
    }

    @Test
    void anExpiryNoLongerThanTheHeartbeatFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("sse.broker=redis", "sse.presence.heartbeat=5s", "sse.presence.expiry=5s")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("sse.presence.expiry")
                        .hasMessageContaining("must be longer than sse.presence.heartbeat"));
    }
}
