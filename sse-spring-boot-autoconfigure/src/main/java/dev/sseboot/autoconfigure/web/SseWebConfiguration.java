package dev.sseboot.autoconfigure.web;

import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.clientscript.ClientScript;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.web.BrokerOutages;
import dev.sseboot.web.SseShutdownLifecycle;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every web stack needs beside its own transport, imported by the Spring MVC and the WebFlux
 * auto-configuration: the shutdown that ends streams before the web server's graceful shutdown,
 * the record of broker outages behind the {@code 503} answers, and the browser client script that
 * each stack serves at {@code sse.client-script.path}.
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
}
