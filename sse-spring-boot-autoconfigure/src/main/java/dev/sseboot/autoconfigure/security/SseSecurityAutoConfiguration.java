package dev.sseboot.autoconfigure.security;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.security.StreamAsyncDispatchPostProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;

/**
 * Lets every {@code SecurityFilterChain} built from Spring's {@link HttpSecurity} permit the ASYNC
 * dispatch of streams, so an authenticated stream never ends in "access denied / response already
 * committed". The application's own rules still decide who may open a stream.
 * {@code sse.security.permit-stream-dispatch=false} leaves that rule to the application.
 */
@AutoConfiguration(after = SseAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, RequestMatcherDelegatingAuthorizationManager.class})
@ConditionalOnBooleanProperty(name = "sse.enabled", matchIfMissing = true)
public class SseSecurityAutoConfiguration {

    /** Resolves Spring Security's post-processor only once an HttpSecurity is built, when it is sure to exist. */
    @Bean
    @ConditionalOnBooleanProperty(name = "sse.security.permit-stream-dispatch", matchIfMissing = true)
    Customizer<HttpSecurity> sseStreamAsyncDispatchCustomizer(ObjectProvider<ObjectPostProcessor<Object>> objectPostProcessor) {
        return http -> http.objectPostProcessor(new StreamAsyncDispatchPostProcessor(objectPostProcessor.getObject()));
    }
}
