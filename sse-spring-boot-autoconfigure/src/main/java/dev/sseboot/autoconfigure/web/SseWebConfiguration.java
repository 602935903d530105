package dev.sseboot.autoconfigure.web;

import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.clientscript.ClientScript;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.web.BrokerOutages;
import dev.sseboot.web.SseShutdownLifecycle;
import dev.sseboot.web.tomcat.LeanTomcatConnector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What every web stack needs beside its own transport, imported by the Spring MVC and the WebFlux
 * auto-configuration: the shutdown that ends streams before the web server's graceful shutdown,
 * the record of broker outages behind the {@code 503} answers, the browser client script that
 * each stack serves at {@code sse.client-script.path}, and Tomcat's lean connector.
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

    /** The script; refuses a path under {@code sse.path}, where every path opens a channel's stream. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "sse.client-script.enabled", matchIfMissing = true)
    ClientScript sseClientScript(SseProperties properties) {
        String scriptPath = properties.getClientScript().getPath();
        String streamPath = properties.getPath();
        if (scriptPath.equals(streamPath) || scriptPath.startsWith(streamPath + "/")) {
            throw new InvalidConfigurationPropertyValueException("sse.client-script.path", scriptPath,
                    "must lie outside sse.path (" + streamPath + "), whose every path is a channel's stream");
        }
        return ClientScript.load(properties.getClientScript().getMaxAge());
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
