package dev.sseboot.autoconfigure.web;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.web.BrokerOutages;
import dev.sseboot.web.SseShutdownLifecycle;
import dev.sseboot.web.tomcat.LeanTomcatConnector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What every web stack needs beside its own transport, imported by the Spring MVC and the WebFlux
 * auto-configuration: the shutdown that ends streams before the web server's graceful shutdown,
 * the record of broker outages behind the {@code 503} answers, and Tomcat's lean connector.
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

    /** {@code sse.tomcat.lean-connector}: Tomcat keeps fewer bytes per connection. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({TomcatWebServerFactory.class, Http11NioProtocol.class})
    @ConditionalOnBooleanProperty("sse.tomcat.lean-connector")
    static class LeanTomcatConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LeanTomcatConnector sseLeanTomcatConnector(Environment environment) {
            return new LeanTomcatConnector(environment.containsProperty("server.tomcat.max-http-response-header-size"));
        }
    }
}
