package dev.sseboot.autoconfigure.token;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.token.SseTokens;
import dev.sseboot.token.StreamTokenAccessLog;
import dev.sseboot.token.StreamTokenFilter;
import dev.sseboot.token.StreamTokenHttpHandlerDecorator;
import dev.sseboot.token.StreamTokenValve;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;

/**
 * Stream tokens, once {@code sse.tokens.secret} is set: {@link SseTokens} to mint them, and on each
 * web stack what verifies a token in the query string and hides it from the rest of the request's
 * way (Spring Security, the framework's request logging, the application, the web server's access
 * log).
 */
@AutoConfiguration(after = SseAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "sse.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "sse.tokens.secret")
@EnableConfigurationProperties(SseProperties.class)
public class SseTokenAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SseTokens sseTokens(SseProperties properties) {
        SseProperties.Tokens tokens = properties.getTokens();
        return new SseTokens(tokens.getSecret(), tokens.getPreviousSecrets(), tokens.getTtl(), properties.getPath());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(DispatcherType.class)
    static class Servlet {

        /**
         * Ahead of every filter that could log or read the query string (Spring Security's chain
         * is at -100, request logging filters come later), behind only the character encoding.
         */
        @Bean
        FilterRegistrationBean<StreamTokenFilter> sseStreamTokenFilter(SseTokens tokens) {
            FilterRegistrationBean<StreamTokenFilter> registration = new FilterRegistrationBean<>(new StreamTokenFilter(tokens));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            return registration;
        }
    }

    /** Tomcat's access log prints its own request's query string, which no filter can change. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(TomcatContextCustomizer.class)
    static class Tomcat {

        @Bean
        TomcatContextCustomizer sseStreamTokenValve() {
            return context -> context.getPipeline().addValve(new StreamTokenValve());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(HttpHandlerDecoratorFactory.class)
    static class Reactive {

        @Bean
        StreamTokenHttpHandlerDecorator sseStreamTokenHttpHandlerDecorator(SseTokens tokens) {
            return new StreamTokenHttpHandlerDecorator(tokens);
        }
    }

    /**
     * Reactor Netty's access log prints the request line as the client sent it, before WebFlux sees
     * it. When Reactor Netty's own switch turns it on, the same line is written without the token.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(NettyServerCustomizer.class)
    @ConditionalOnBooleanProperty(name = "reactor.netty.http.server.accessLogEnabled")
    static class NettyAccessLog {

        @Bean
        NettyServerCustomizer sseStreamTokenAccessLog() {
            return server -> server.accessLog(true, StreamTokenAccessLog.FACTORY);
        }
    }
}
