package dev.sseboot.autoconfigure.redis;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.redis.RedisClusterExtension;
import dev.sseboot.redis.RedisSseBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code spring.data.redis.cluster.nodes} makes the broker a cluster broker, whose publishes can wait for a replica. */
class RedisClusterBrokerAutoConfigurationTest {

    @RegisterExtension
    static final RedisClusterExtension redis = new RedisClusterExtension();

    @Test
    void aClusterConnectionGivesAClusterBrokerThatWaitsForTheReplicasAskedFor() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                        RedisSseBrokerAutoConfiguration.class, SseAutoConfiguration.class))
                .withPropertyValues("spring.data.redis.cluster.nodes=" + redis.nodes(), "sse.broker=redis",
                        "sse.redis.key-prefix=app:", "sse.redis.min-replica-acks=1",
                        "sse.redis.min-replica-ack-timeout=2s")
                .run(context -> {
                    SseBroker broker = context.getBean(SseBroker.class);
                    assertThat(broker).isInstanceOf(RedisSseBroker.class);
                    SseHub hub = context.getBean(SseHub.class);
                    broker.channelOpened("clustered");
                    // A sharded subscription on the master of the channel's slot.
                    await().atMost(Duration.ofSeconds(10)).until(() -> redis.subscribers("app:{clustered}") == 1);

                    String id = hub.publish("clustered", SseMessage.of("on the shard")).id();

                    assertThat(redis.commands().xrange("app:{clustered}", io.lettuce.core.Range.create("-", "+")))
                            .extracting(io.lettuce.core.StreamMessage::getId).containsExactly(id);
                });
    }
}
