package dev.sseboot.autoconfigure.web.reactive;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.autoconfigure.web.SseWebConfiguration;
import dev.sseboot.clientscript.ClientScript;
import dev.sseboot.clientscript.ReactiveClientScriptHandler;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.spring.SseChannelResolver;
import dev.sseboot.spring.SseSubscriptionAuthorizer;
import dev.sseboot.web.BrokerOutages;
import dev.sseboot.web.reactive.SseBrokerExceptionHandler;
import dev.sseboot.web.reactive.SseStreamController;
import dev.sseboot.web.reactive.SseStreams;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Streams on WebFlux: the {@code GET {sse.path}/{channel}} endpoint, {@link SseStreams} for an
 * application's own handlers, CORS and the shutdown that ends streams before the web server's
 * graceful shutdown, {@code 503} with {@code Retry-After} for a publish the broker refuses, and the
 * browser client script at {@code sse.client-script.path}. The same hub, settings, authorizer and
 * channel resolver serve Spring MVC.
 */
@AutoConfiguration(after = SseAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({DispatcherHandler.class, WebFluxConfigurer.class})
@ConditionalOnBean(SseHub.class)
@Import(SseWebConfiguration.class)
public class SseWebFluxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SseStreams sseStreams(SseHub hub, SseSubscriptionAuthorizer authorizer) {
        return new SseStreams(hub, authorizer);
    }

    @Bean
    @ConditionalOnMissingBean
    SseStreamController sseStreamController(SseStreams streams, SseChannelResolver channelResolver) {
        return new SseStreamController(streams, channelResolver);
    }

    @Bean
    @ConditionalOnMissingBean
    SseBrokerExceptionHandler sseBrokerExceptionHandler(BrokerOutages outages) {
        return new SseBrokerExceptionHandler(outages);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "sse.client-script.enabled", matchIfMissing = true)
    RouterFunction<ServerResponse> sseClientScriptRoute(SseProperties properties, ClientScript script) {
        return RouterFunctions.route(RequestPredicates.path(properties.getClientScript().getPath())
                        .and(RequestPredicates.methods(HttpMethod.GET, HttpMethod.HEAD)),
                new ReactiveClientScriptHandler(script));
    }

    /** Applies {@code sse.cors.*} to the stream path. */
    @Bean
    WebFluxConfigurer sseWebFluxConfigurer(SseProperties properties) {
        return new WebFluxConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                CorsConfiguration configuration = properties.getCors().toCorsConfiguration();
                if (configuration != null) {
                    registry.addMapping(properties.getPath() + "/**").combine(configuration);
                }
            }
        };
    }
}
