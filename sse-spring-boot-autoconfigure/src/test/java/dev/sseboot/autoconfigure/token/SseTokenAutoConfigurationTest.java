package dev.sseboot.autoconfigure.token;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.token.SseTokens;
import dev.sseboot.token.StreamTokenFilter;
import dev.sseboot.token.StreamTokenHttpHandlerDecorator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseTokenAutoConfigurationTest {

    private static final String SECRET = "sse.tokens.secret=0123456789abcdef0123456789abcdef";
    private static final AutoConfigurations CONFIGURATIONS =
            AutoConfigurations.of(SseAutoConfiguration.class, SseTokenAutoConfiguration.class);

    @Test
    void withoutASecretThereAreNoTokensAndNothingReadsTheParameter() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run(context -> assertThat(context)
                .doesNotHaveBean(SseTokens.class).doesNotHaveBean(FilterRegistrationBean.class)
                .doesNotHaveBean(TomcatContextCustomizer.class));
    }

    @Test
    void aServletApplicationVerifiesTokensInAFilterAheadOfSecurityAndHidesThemFromTomcatsAccessLog() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(SECRET).run(context -> {
            assertThat(context).hasSingleBean(SseTokens.class).hasSingleBean(TomcatContextCustomizer.class)
                    .doesNotHaveBean(StreamTokenHttpHandlerDecorator.class);
            FilterRegistrationBean<?> filter = context.getBean(FilterRegistrationBean.class);
            assertThat(filter.getFilter()).isInstanceOf(StreamTokenFilter.class);
            assertThat(filter.getOrder()).isLessThan(-100);
        });
    }

    @Test
    void aReactiveApplicationVerifiesTokensAroundTheWholeHttpHandler() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(SECRET)
                .run(context -> assertThat(context).hasSingleBean(SseTokens.class)
                        .hasSingleBean(StreamTokenHttpHandlerDecorator.class)
                        .doesNotHaveBean(FilterRegistrationBean.class).doesNotHaveBean(NettyServerCustomizer.class));
    }

    @Test
    void reactorNettysOwnAccessLogSwitchGetsTheFormatWithoutTokens() {
        new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues(SECRET, "reactor.netty.http.server.accessLogEnabled=true")
                .run(context -> assertThat(context).hasSingleBean(NettyServerCustomizer.class));
    }

    @Test
    void aWorkerWithoutAWebServerCanMintTokens() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(SECRET)
                .run(context -> assertThat(context.getBean(SseTokens.class).mint("alice", List.of("news"))).isNotEmpty());
    }

    @Test
    void backsOffToTheApplicationsOwnTokens() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).withPropertyValues(SECRET)
                .withUserConfiguration(OwnTokens.class)
                .run(context -> assertThat(context.getBean(SseTokens.class)).isSameAs(context.getBean(OwnTokens.class).tokens));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTokens {

        final SseTokens tokens = new SseTokens("fedcba9876543210fedcba9876543210", List.of(), Duration.ofSeconds(5), "/events");

        @Bean
        SseTokens sseTokens() {
            return tokens;
        }
    }
}
