package dev.sseboot.autoconfigure.web;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.web.StreamCapacity;
import dev.sseboot.web.WebServerStreamCapacity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * How many streams the application's web server can hold, from the web server its factory makes,
 * the maximum heap and the web server's connection limit: {@link SseAutoConfiguration} accepts that
 * many when {@code sse.max-connections} is not set. After the web servers' auto-configurations, so
 * that their factory is known.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
        "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
        "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
        "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration",
        "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "sse.enabled", matchIfMissing = true)
@ConditionalOnWebApplication
@ConditionalOnClass(WebServerFactory.class)
@ConditionalOnBean(WebServerFactory.class)
public class SseStreamCapacityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StreamCapacity sseStreamCapacity(WebServerFactory webServerFactory, Environment environment) {
        return WebServerStreamCapacity.of(webServerFactory, environment, Runtime.getRuntime().maxMemory());
    }
}
