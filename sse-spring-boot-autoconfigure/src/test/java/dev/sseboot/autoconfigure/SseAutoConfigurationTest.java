package dev.sseboot.autoconfigure;

import dev.sseboot.actuate.SseBrokerHealthIndicator;
import dev.sseboot.actuate.SseEndpoint;
import dev.sseboot.autoconfigure.actuate.SseActuatorAutoConfiguration;
import dev.sseboot.autoconfigure.metrics.SseMetricsAutoConfiguration;
import dev.sseboot.autoconfigure.security.SseSecurityAutoConfiguration;
import dev.sseboot.autoconfigure.web.servlet.SseWebMvcAutoConfiguration;
import dev.sseboot.core.broker.InMemorySseBroker;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.hub.ReplayOnConnect;
import dev.sseboot.core.hub.SlowConsumerPolicy;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.metrics.SseMetrics;
import dev.sseboot.spring.SseChannelResolver;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.spring.SseSubscriptionAuthorizer;
import dev.sseboot.web.SseShutdownLifecycle;
import dev.sseboot.web.servlet.SseEmitters;
import dev.sseboot.web.servlet.SseStreamController;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SseAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class, SseWebMvcAutoConfiguration.class,
                    SseMetricsAutoConfiguration.class,
                    SseActuatorAutoConfiguration.class, SseSecurityAutoConfiguration.class));

    @Test
    void providesTheWholeStackInAServletWebApplication() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(SseSettings.class)
                .hasSingleBean(InMemorySseBroker.class)
                .hasSingleBean(SseHub.class)
                .hasSingleBean(SsePublisher.class)
                .hasSingleBean(SseChannelResolver.class)
                .hasSingleBean(SseSubscriptionAuthorizer.class)
                .hasSingleBean(SseEmitters.class)
                .hasSingleBean(SseStreamController.class)
                .hasSingleBean(SseShutdownLifecycle.class));
    }

    @Test
    void isOffWhenDisabled() {
        runner.withPropertyValues("sse.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SseHub.class).doesNotHaveBean(SsePublisher.class)
                        .doesNotHaveBean(SseEndpoint.class).doesNotHaveBean(SseMetrics.class)
                        .doesNotHaveBean("sseStreamAsyncDispatchCustomizer"));
    }

    @Test
    void servesNoStreamsWithoutSpringMvcButStillPublishes() {
        runner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .run(context -> assertThat(context).hasSingleBean(SsePublisher.class)
                        .doesNotHaveBean(SseEmitters.class).doesNotHaveBean(SseStreamController.class));
    }

    @Test
    void publishesFromAnApplicationWithoutAWebServer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class, SseWebMvcAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(SseHub.class).hasSingleBean(SsePublisher.class)
                        .doesNotHaveBean(SseEmitters.class).doesNotHaveBean(SseShutdownLifecycle.class));
    }

    @Test
    void everyBeanBacksOffToTheApplicationsOwn() {
        runner.withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context.getBean(SseSettings.class)).isSameAs(UserBeans.SETTINGS);
            assertThat(context.getBean(SseBroker.class)).isSameAs(context.getBean("userBroker"));
            assertThat(context.getBean(SseHub.class)).isSameAs(context.getBean("userHub"));
            assertThat(context.getBean(SsePublisher.class)).isSameAs(context.getBean("userPublisher"));
            assertThat(context.getBean(SseChannelResolver.class)).isSameAs(context.getBean("userResolver"));
            assertThat(context.getBean(SseSubscriptionAuthorizer.class)).isSameAs(context.getBean("userAuthorizer"));
            assertThat(context.getBean(SseEmitters.class)).isSameAs(context.getBean("userEmitters"));
        });
    }

    @Test
    void jsonPayloadsUseTheApplicationsMapper() {
        runner.withBean(JsonMapper.class,
                        () -> JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
                .run(context -> {
                    RecordingSink sink = new RecordingSink();
                    context.getBean(SseHub.class).subscribe("json", sink, null);
                    context.getBean(SsePublisher.class).publish("json", new Price("ACME", 42));
                    await().atMost(Duration.ofSeconds(10))
                            .untilAsserted(() -> assertThat(sink.frames).anySatisfy(frame -> assertThat(frame)
                                    .contains("data: {\"stock_symbol\":\"ACME\",\"cents\":42}")));
                });
    }

    record Price(String stockSymbol, int cents) {
    }

    @Test
    void thePublisherReadsAChannelsNewestEventsOldestFirst() {
        runner.run(context -> {
            SsePublisher publisher = context.getBean(SsePublisher.class);
            for (int i = 0; i < 3; i++) {
                publisher.publish("state", "s" + i);
            }

            assertThat(publisher.history("state", 2)).extracting(SseMessage::data).containsExactly("s1", "s2");
            assertThatThrownBy(() -> publisher.history("../state", 1)).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void withoutJacksonOnlyTextCanBePublished() {
        runner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run(context -> {
            SsePublisher publisher = context.getBean(SsePublisher.class);
            assertThat(publisher.publish("text", "fine").id()).isNotNull();
            assertThatThrownBy(() -> publisher.publish("text", Map.of("a", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jackson-databind");
        });
    }

    @Test
    void propertiesBindIntoTheSettings() {
        runner.withPropertyValues("sse.retry=15s", "sse.write-timeout=250ms", "sse.close-on-timeout=false",
                "sse.idle-timeout=30m", "sse.heartbeat=0", "sse.heartbeat-event=ping", "sse.queue-capacity=32",
                "sse.slow-consumer-policy=drop-oldest", "sse.max-connections=100", "sse.max-connections-per-user=3",
                "sse.max-connections-per-address=4",
                "sse.gzip=true", "sse.headers.Access-Control-Allow-Origin=*", "sse.replay.size=50",
                "sse.replay.ttl=1h", "sse.replay.gap-event=reload", "sse.shutdown-retry=500ms",
                "sse.max-event-size=1MB", "sse.replay.max-bytes=2MB", "sse.replay.max-total-bytes=1GB",
                "sse.max-channels-per-stream=8", "sse.replay.on-connect=latest",
                "sse.replay.on-connect-channels=prices/*,ticker")
                .run(context -> {
                    SseSettings settings = context.getBean(SseSettings.class);
                    assertThat(settings.retry()).isEqualTo(Duration.ofSeconds(15));
                    assertThat(settings.writeTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(settings.closeOnTimeout()).isFalse();
                    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(settings.heartbeat()).isZero();
                    assertThat(settings.heartbeatEvent()).isEqualTo("ping");
                    assertThat(settings.queueCapacity()).isEqualTo(32);
                    assertThat(settings.slowConsumerPolicy()).isEqualTo(SlowConsumerPolicy.DROP_OLDEST);
                    assertThat(settings.maxConnections()).isEqualTo(100);
                    assertThat(settings.maxConnectionsPerUser()).isEqualTo(3);
                    assertThat(settings.maxConnectionsPerAddress()).isEqualTo(4);
                    assertThat(settings.gzip()).isTrue();
                    assertThat(settings.headers()).containsEntry("Access-Control-Allow-Origin", "*");
                    assertThat(settings.replaySize()).isEqualTo(50);
                    assertThat(settings.replayTtl()).isEqualTo(Duration.ofHours(1));
                    assertThat(settings.gapEvent()).isEqualTo("reload");
                    assertThat(settings.shutdownRetry()).isEqualTo(Duration.ofMillis(500));
                    assertThat(settings.maxEventSize()).isEqualTo(1024 * 1024);
                    assertThat(settings.replayMaxBytes()).isEqualTo(2L * 1024 * 1024);
                    assertThat(settings.replayMaxTotalBytes()).isEqualTo(1024L * 1024 * 1024);
                    assertThat(settings.maxChannelsPerStream()).isEqualTo(8);
                    assertThat(settings.replayOnConnect()).isEqualTo(ReplayOnConnect.LATEST);
                    assertThat(settings.replayOnConnectChannels()).containsExactly("prices/*", "ticker");
                });
    }

    @Test
    void badValuesFailStartUpNamingTheProperty() {
        Map.ofEntries(
                Map.entry("sse.write-timeout=-1s", "sse.write-timeout"),
                Map.entry("sse.idle-timeout=-5s", "sse.idle-timeout"),
                Map.entry("sse.disconnect-probe=-1s", "sse.disconnect-probe"),
                Map.entry("sse.queue-capacity=0", "sse.queue-capacity"),
                Map.entry("sse.slow-consumer-policy=sometimes", "sse.slow-consumer-policy"),
                Map.entry("sse.path=events", "sse.path"),
                Map.entry("sse.max-connections=-1", "sse.max-connections"),
                Map.entry("sse.max-connections-per-address=-1", "sse.max-connections-per-address"),
                Map.entry("sse.replay.ttl=0s", "sse.replay.ttl"),
                Map.entry("sse.max-event-size=0B", "sse.max-event-size"),
                Map.entry("sse.replay.max-bytes=0B", "sse.replay.max-bytes"),
                Map.entry("sse.replay.max-total-bytes=-1MB", "sse.replay.max-total-bytes"),
                Map.entry("sse.max-channels-per-stream=0", "sse.max-channels-per-stream"),
                Map.entry("sse.replay.on-connect=sometimes", "sse.replay.on-connect"),
                Map.entry("sse.replay.on-connect-channels=a,b/**/c", "sse.replay.on-connect-channels"))
                .forEach((property, name) -> runner.withPropertyValues(property).run(context -> {
                    assertThat(context).as(property).hasFailed();
                    assertThat(context.getStartupFailure()).as(property)
                            .hasStackTraceContaining(name);
                }));
    }

    @Test
    void metersOnlyWithARegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(SseMetrics.class));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(SseMetrics.class));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("sse.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SseMetrics.class));
    }

    @Test
    void bootBindsTheMetersToTheApplicationsRegistry() {
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(SseHub.class).subscribe("bound", new RecordingSink(), null);
                    assertThat(registry.get("sse.connections.active").gauge().value()).isEqualTo(1);
                    assertThat(registry.get("sse.messages.published").counter().count()).isZero();
                });
    }

    @Test
    void actuatorPartsOnlyWithActuator() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=sse")
                .run(context -> assertThat(context).hasSingleBean(SseEndpoint.class)
                        .hasSingleBean(SseBrokerHealthIndicator.class));
        runner.run(context -> assertThat(context).as("not exposed").doesNotHaveBean(SseEndpoint.class));
        runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).doesNotHaveBean(SseEndpoint.class)
                        .doesNotHaveBean(SseBrokerHealthIndicator.class).hasSingleBean(SseHub.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=sse",
                        "management.endpoint.sse.access=NONE", "management.health.sseBroker.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SseEndpoint.class)
                        .doesNotHaveBean(SseBrokerHealthIndicator.class));
    }

    @Test
    void securityCustomizerOnlyWithSpringSecurity() {
        runner.run(context -> assertThat(context).hasBean("sseStreamAsyncDispatchCustomizer"));
        runner.withClassLoader(new FilteredClassLoader(HttpSecurity.class))
                .run(context -> assertThat(context).doesNotHaveBean("sseStreamAsyncDispatchCustomizer"));
    }

    @Test
    void securityCustomizerCanBeTurnedOff() {
        runner.withPropertyValues("sse.security.permit-stream-dispatch=false")
                .run(context -> assertThat(context).doesNotHaveBean("sseStreamAsyncDispatchCustomizer")
                        .hasSingleBean(SseEmitters.class));
        runner.withPropertyValues("sse.security.permit-stream-dispatch=true")
                .run(context -> assertThat(context).hasBean("sseStreamAsyncDispatchCustomizer"));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final SseSettings SETTINGS = SseSettings.builder().queueCapacity(7).build();

        @Bean
        SseSettings userSettings() {
            return SETTINGS;
        }

        @Bean
        SseBroker userBroker() {
            return new InMemorySseBroker(3, Duration.ofSeconds(5));
        }

        @Bean(destroyMethod = "shutdown")
        SseHub userHub(SseBroker userBroker) {
            return SseHub.builder().settings(SETTINGS).broker(userBroker).build();
        }

        @Bean
        SsePublisher userPublisher(SseHub userHub) {
            return new SsePublisher(userHub, Object::toString, "private/");
        }

        @Bean
        SseChannelResolver userResolver() {
            return (request, pathChannel) -> "tenant/" + pathChannel;
        }

        @Bean
        SseSubscriptionAuthorizer userAuthorizer() {
            return (channel, request) -> request.principal() != null;
        }

        @Bean
        SseEmitters userEmitters(SseHub userHub, SseSubscriptionAuthorizer userAuthorizer) {
            return new SseEmitters(userHub, userAuthorizer);
        }
    }
}
