package dev.sseboot.autoconfigure.token;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.token.SseTokens;
import dev.sseboot.token.StreamTokenFilter;
import dev.sseboot.token.StreamTokenHttpHandlerDecorator;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;

/**
 * Stream tokens, once {@code sse.tokens.secret} is set: {@link SseTokens} to mint them, and on each
 * web stack what verifies a token in the query string and hides it from the rest of the request's
 * way (Spring Security, the framework's request logging, the application).
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(HttpHandlerDecoratorFactory.class)
    static class Reactive {

        @Bean
        StreamTokenHttpHandlerDecorator sseStreamTokenHttpHandlerDecorator(SseTokens tokens) {
            return new StreamTokenHttpHandlerDecorator(tokens);
        }
    }
}
