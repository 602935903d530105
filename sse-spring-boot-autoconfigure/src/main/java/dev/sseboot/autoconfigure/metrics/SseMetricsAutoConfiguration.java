package dev.sseboot.autoconfigure.metrics;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.metrics.SseMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Micrometer meters for the hub, when the application has a {@link MeterRegistry}. */
@AutoConfiguration(after = SseAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, SseHub.class})
public class SseMetricsAutoConfiguration {

    /** Bound by Boot to the application's registry once every singleton, the hub among them, exists. */
    @Bean
    @ConditionalOnMissingBean
    SseMetrics sseMetrics(ObjectProvider<SseHub> hub, SseProperties properties) {
        return new SseMetrics(hub::getObject, properties.getMetrics().isChannelTag());
    }
}
