package dev.sseboot.autoconfigure;

import dev.sseboot.autoconfigure.web.SseEmitters;
import dev.sseboot.autoconfigure.web.SseFrameHttpMessageConverter;
import dev.sseboot.autoconfigure.web.SseShutdownLifecycle;
import dev.sseboot.autoconfigure.web.SseStreamController;
import dev.sseboot.autoconfigure.web.StreamBufferingWarnings;
import dev.sseboot.autoconfigure.web.StreamHandoverInterceptor;
import dev.sseboot.core.broker.InMemorySseBroker;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseHubListener;
import dev.sseboot.core.hub.SseSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-Sent Events for Spring MVC: the hub, {@link SsePublisher}, the
 * {@code GET {sse.path}/{channel}} endpoint and its lifecycle. Every bean backs off to one the
 * application declares.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, SseEmitter.class})
@ConditionalOnBooleanProperty(name = "sse.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SseProperties.class)
public class SseAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SseSettings sseSettings(SseProperties properties) {
        return properties.toSettings();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "sse.broker", havingValue = "memory", matchIfMissing = true)
    SseBroker sseBroker(SseSettings settings) {
        return new InMemorySseBroker(settings.replaySize(), settings.replayTtl());
    }

    @Bean
    @ConditionalOnMissingBean
    SseHub sseHub(SseSettings settings, SseBroker broker, ObjectProvider<SseHubListener> listeners) {
        SseHub.Builder builder = SseHub.builder().settings(settings).broker(broker);
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    @Bean
    SseHubListener sseSubscriptionEventPublisher(ApplicationEventPublisher publisher) {
        return new SubscriptionEventPublisher(publisher);
    }

    @Bean
    @ConditionalOnMissingBean
    SsePublisher ssePublisher(SseHub hub, SseProperties properties) {
        return new SsePublisher(hub, payload -> {
            throw new IllegalArgumentException("Cannot publish a " + payload.getClass().getName()
                    + " without a JSON mapper: add Jackson (tools.jackson.core:jackson-databind) or publish a String");
        }, properties.getUserChannelPrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    SseChannelResolver sseChannelResolver() {
        return (request, pathChannel) -> pathChannel;
    }

    @Bean
    @ConditionalOnMissingBean
    SseSubscriptionAuthorizer sseSubscriptionAuthorizer(SseProperties properties) {
        return new UserChannelAuthorizer(properties.getUserChannelPrefix());
    }

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
    SseFrameHttpMessageConverter sseFrameHttpMessageConverter() {
        return new SseFrameHttpMessageConverter();
    }

    @Bean
    @ConditionalOnMissingBean
    SseShutdownLifecycle sseShutdownLifecycle(SseHub hub) {
        return new SseShutdownLifecycle(hub);
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
                SseProperties.Cors cors = properties.getCors();
                if (cors.getAllowedOrigins().isEmpty()) {
                    return;
                }
                registry.addMapping(properties.getPath() + "/**")
                        .allowedOrigins(cors.getAllowedOrigins().toArray(String[]::new))
                        .allowedMethods("GET")
                        .allowedHeaders(cors.getAllowedHeaders().toArray(String[]::new))
                        .allowCredentials(cors.isAllowCredentials())
                        .maxAge(cors.getMaxAge().toSeconds());
            }
        };
    }

    /** JSON payloads through the application's Jackson 3 mapper. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonPayloadConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SsePublisher ssePublisher(SseHub hub, ObjectProvider<JsonMapper> jsonMapper, SseProperties properties) {
            JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::new);
            return new SsePublisher(hub, mapper::writeValueAsString, properties.getUserChannelPrefix());
        }
    }
}
