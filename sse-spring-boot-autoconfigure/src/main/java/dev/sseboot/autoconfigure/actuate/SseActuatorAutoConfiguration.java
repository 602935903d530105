package dev.sseboot.autoconfigure.actuate;

import dev.sseboot.actuate.SseBrokerHealthIndicator;
import dev.sseboot.actuate.SseEndpoint;
import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.presence.SsePresence;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code sse} actuator endpoint (this instance and the fleet) and the broker health indicator,
 * when Actuator is present.
 */
@AutoConfiguration(after = SseAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(SseHub.class)
public class SseActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    SseEndpoint sseEndpoint(SseHub hub, SsePresence presence) {
        return new SseEndpoint(hub, presence);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("sseBroker")
    static class BrokerHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sseBrokerHealthIndicator")
        SseBrokerHealthIndicator sseBrokerHealthIndicator(SseHub hub) {
            return new SseBrokerHealthIndicator(hub.broker());
        }
    }
}
