package dev.sseboot.autoconfigure.web.reactive;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.web.servlet.SseWebMvcAutoConfiguration;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.web.SseShutdownLifecycle;
import dev.sseboot.web.reactive.SseStreamController;
import dev.sseboot.web.reactive.SseStreams;
import dev.sseboot.web.servlet.SseEmitters;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.DispatcherHandler;

import static org.assertj.core.api.Assertions.assertThat;

class SseWebFluxAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class, SseWebFluxAutoConfiguration.class,
                    SseWebMvcAutoConfiguration.class));

    @Test
    void aReactiveApplicationGetsTheEndpointStreamsAndShutdownFromTheSharedHub() {
        this.contextRunner.run(context -> {
            assertThat(context).hasSingleBean(SseStreams.class)
                    .hasSingleBean(SseStreamController.class)
                    .hasSingleBean(SseShutdownLifecycle.class)
                    .hasSingleBean(SseHub.class)
                    .doesNotHaveBean(SseEmitters.class);
        });
    }

    @Test
    void backsOffToTheApplicationsOwnBeans() {
        this.contextRunner.withUserConfiguration(OwnStreamsConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(SseStreams.class);
            assertThat(context.getBean(SseStreams.class)).isSameAs(context.getBean(OwnStreamsConfiguration.class).streams);
            assertThat(context).hasSingleBean(SseStreamController.class);
        });
    }

    @Test
    void aServletApplicationGetsNoReactiveStreams() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class, SseWebFluxAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(SseStreams.class));
    }

    @Test
    void aNonWebApplicationGetsNoStreams() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class, SseWebFluxAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(SseHub.class).doesNotHaveBean(SseStreams.class));
    }

    @Test
    void backsOffWithoutWebFlux() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherHandler.class))
                .run(context -> assertThat(context).doesNotHaveBean(SseStreams.class));
    }

    @Test
    void backsOffWhenStreamsAreDisabled() {
        this.contextRunner.withPropertyValues("sse.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SseHub.class).doesNotHaveBean(SseStreams.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStreamsConfiguration {

        SseStreams streams;

        @Bean
        SseStreams ownStreams(SseHub hub) {
            streams = new SseStreams(hub, (channel, request) -> true);
            return streams;
        }
    }
}
