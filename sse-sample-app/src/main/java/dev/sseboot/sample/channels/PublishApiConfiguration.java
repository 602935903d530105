package dev.sseboot.sample.channels;

import dev.sseboot.core.hub.SseSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The publish API's body limit. */
@Configuration(proxyBeanMethods = false)
class PublishApiConfiguration {

    /** Room for the JSON around the data: the field names, quotes and a few escapes. */
    static final int JSON_OVERHEAD = 1024;

    /**
     * A publish body may be {@code sse.max-event-size} plus {@link #JSON_OVERHEAD}: every event the
     * hub would take fits, and nothing much larger is read. A body within it whose event is still
     * too large is refused by the hub, also with 413.
     */
    @Bean
    FilterRegistrationBean<PublishBodyLimit> publishBodyLimit(SseSettings settings) {
        FilterRegistrationBean<PublishBodyLimit> registration = new FilterRegistrationBean<>(
                new PublishBodyLimit((int) Math.min(Integer.MAX_VALUE - 8, (long) settings.maxEventSize() + JSON_OVERHEAD)));
        registration.addUrlPatterns("/api/channels/*");
        return registration;
    }
}
