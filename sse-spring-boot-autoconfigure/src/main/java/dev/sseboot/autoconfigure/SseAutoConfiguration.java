package dev.sseboot.autoconfigure;

import dev.sseboot.core.broker.InMemorySseBroker;
import dev.sseboot.core.broker.SseBroker;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.hub.SseHubListener;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.presence.LocalSsePresence;
import dev.sseboot.core.presence.LocalStreams;
import dev.sseboot.core.presence.SsePresence;
import dev.sseboot.spring.FleetEventPublisher;
import dev.sseboot.spring.SseChannelResolver;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.spring.SseSubscriptionAuthorizer;
import dev.sseboot.spring.SubscriptionEventPublisher;
import dev.sseboot.spring.UserChannelAuthorizer;
import dev.sseboot.web.StreamCapacity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine of Server-Sent Events for any Spring Boot application, web or not: settings, the
 * broker, the hub and {@link SsePublisher}, plus the stack-neutral strategies the web
 * auto-configurations use. A worker without a web server publishes through the same
 * {@link SsePublisher} (with {@code sse.broker=redis}, to streams served by other instances).
 * Presence ({@link SsePresence}) counts this instance's streams from the hub ({@link LocalStreams});
 * its changes are published as {@code SseFleetSubscribedEvent}s and {@code SseFleetUnsubscribedEvent}s.
 * An {@link SseHub} of the application's own must have the {@link LocalStreams} bean as a listener
 * for presence to see its streams. Every bean backs off to one the application declares.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty(name = "sse.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SseProperties.class)
public class SseAutoConfiguration {

    /**
     * The settings from {@code sse.*}; with a web server and no {@code sse.max-connections}, as many
     * streams as that web server can hold.
     */
    @Bean
    @ConditionalOnMissingBean
    SseSettings sseSettings(SseProperties properties, ObjectProvider<StreamCapacity> capacity) {
        StreamCapacity webServer = capacity.getIfAvailable();
        if (webServer == null) {
            return properties.toSettings();
        }
        return properties.toSettings(webServer.maxConnections(properties.getMaxConnections()));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "sse.broker", havingValue = "memory", matchIfMissing = true)
    SseBroker sseBroker(SseSettings settings) {
        return new InMemorySseBroker(settings.replaySize(), settings.replayTtl(), settings.replayMaxBytes(),
                settings.replayMaxTotalBytes(), System::nanoTime);
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

    /** This instance's streams by channel and user: a listener of the hub that every presence reads. */
    @Bean
    @ConditionalOnMissingBean
    LocalStreams sseLocalStreams(SseProperties properties) {
        return LocalStreams.create(properties.getPresence().getMaxPrincipals());
    }

    /** Presence when this instance is the fleet; with {@code sse.broker=redis} the Redis presence comes first. */
    @Bean
    @ConditionalOnMissingBean
    SsePresence ssePresence(LocalStreams localStreams) {
        return new LocalSsePresence(localStreams);
    }

    @Bean
    FleetEventPublisher sseFleetEventPublisher(SsePresence presence, ApplicationEventPublisher publisher) {
        FleetEventPublisher events = new FleetEventPublisher(publisher);
        presence.addListener(events);
        return events;
    }

    @Bean
    @ConditionalOnMissingBean
    SsePublisher ssePublisher(SseHub hub, SsePresence presence, SseProperties properties) {
        return new SsePublisher(hub, presence, payload -> {
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

    /** JSON payloads through the application's Jackson 3 mapper. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonPayloadConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SsePublisher ssePublisher(SseHub hub, SsePresence presence, ObjectProvider<JsonMapper> jsonMapper,
                SseProperties properties) {
            JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::new);
            return new SsePublisher(hub, presence, mapper::writeValueAsString, properties.getUserChannelPrefix());
        }
    }
}
