package dev.sseboot.autoconfigure.web;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.web.BrokerOutages;
import dev.sseboot.web.SseShutdownLifecycle;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every web stack needs beside its own transport, imported by the Spring MVC and the WebFlux
 * auto-configuration: the shutdown that ends streams before the web server's graceful shutdown,
 * and the record of broker outages behind the {@code 503} answers.
 */
@Configuration(proxyBeanMethods = false)
public class SseWebConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SseShutdownLifecycle sseShutdownLifecycle(SseHub hub) {
        return new SseShutdownLifecycle(hub);
    }

    @Bean
    @ConditionalOnMissingBean
    BrokerOutages sseBrokerOutages(SseSettings settings) {
        return new BrokerOutages(settings);
    }
}
