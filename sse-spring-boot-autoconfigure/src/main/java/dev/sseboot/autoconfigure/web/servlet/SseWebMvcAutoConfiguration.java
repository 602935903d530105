package dev.sseboot.autoconfigure.web.servlet;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.SseProperties;
import dev.sseboot.autoconfigure.web.SseWebConfiguration;
import dev.sseboot.clientscript.ClientScript;
import dev.sseboot.clientscript.ServletClientScriptHandler;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.spring.SseChannelResolver;
import dev.sseboot.spring.SseSubscriptionAuthorizer;
import dev.sseboot.web.BrokerOutages;
import dev.sseboot.web.servlet.SseBrokerExceptionHandler;
import dev.sseboot.web.servlet.SseEmitters;
import dev.sseboot.web.servlet.SseStreamController;
import dev.sseboot.web.servlet.StreamBufferingWarnings;
import dev.sseboot.web.servlet.StreamHandoverInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.core.env.Environment;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams on Spring MVC: the {@code GET {sse.path}/{channel}} endpoint, {@link SseEmitters} for an
 * application's own controllers, the stream handover, CORS and the shutdown that ends streams
 * before the web server's graceful shutdown, {@code 503} with {@code Retry-After} for a publish the
 * broker refuses, and the browser client script at {@code sse.client-script.path}.
 */
@AutoConfiguration(after = SseAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, SseEmitter.class})
@ConditionalOnBean(SseHub.class)
@Import(SseWebConfiguration.class)
public class SseWebMvcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SseEmitters sseEmitters(SseHub hub, SseSubscriptionAuthorizer authorizer) {
        return new SseEmitters(hub, authorizer);
    }

    @Bean
    @ConditionalOnMissingBean
    SseStreamController sseStreamController(SseEmitters emitters, SseChannelResolver channelResolver) {
        return new SseStreamController(emitters, channelResolver);
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
                new ServletClientScriptHandler(script));
    }

    @Bean
    static StreamBufferingWarnings sseStreamBufferingWarnings(Environment environment) {
        return new StreamBufferingWarnings(environment);
    }

    /** Hands streams over to the hub once Spring MVC has started them, and applies {@code sse.cors.*}. */
    @Bean
    WebMvcConfigurer sseWebMvcConfigurer(SseProperties properties) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new StreamHandoverInterceptor());
            }

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
