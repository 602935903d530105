package dev.sseboot.autoconfigure.web;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.autoconfigure.web.reactive.SseWebFluxAutoConfiguration;
import dev.sseboot.autoconfigure.web.servlet.SseWebMvcAutoConfiguration;
import dev.sseboot.clientscript.ClientScript;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When the browser client script is served, on which stack, and which paths are refused at start-up. */
class ClientScriptAutoConfigurationTest {

    private static final AutoConfigurations SSE = AutoConfigurations.of(SseAutoConfiguration.class,
            SseWebMvcAutoConfiguration.class, SseWebFluxAutoConfiguration.class);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(SSE);
    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(SSE);

    @Test
    void bothStacksServeTheScriptByDefault() {
        servlet.run(context -> assertThat(context).hasSingleBean(ClientScript.class)
                .hasBean("sseClientScriptRoute")
                .getBean("sseClientScriptRoute").isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class));
        reactive.run(context -> assertThat(context).hasSingleBean(ClientScript.class)
                .hasBean("sseClientScriptRoute")
                .getBean("sseClientScriptRoute")
                .isInstanceOf(org.springframework.web.reactive.function.server.RouterFunction.class));
    }

    @Test
    void neitherStackServesItWhenItIsTurnedOff() {
        servlet.withPropertyValues("sse.client-script.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ClientScript.class)
                        .doesNotHaveBean("sseClientScriptRoute"));
        reactive.withPropertyValues("sse.client-script.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ClientScript.class)
                        .doesNotHaveBean("sseClientScriptRoute"));
    }

    @Test
    void nothingIsServedWithoutStreamsOrWithoutAWebServer() {
        servlet.withPropertyValues("sse.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ClientScript.class)
                        .doesNotHaveBean("sseClientScriptRoute"));
        new ApplicationContextRunner().withConfiguration(SSE)
                .run(context -> assertThat(context).doesNotHaveBean(ClientScript.class)
                        .doesNotHaveBean("sseClientScriptRoute"));
    }

    @Test
    void aPathUnderTheStreamPathFailsStartUpNamingBoth() {
        for (String[] properties : new String[][] {
                {"sse.client-script.path=/events/client.js"},
                {"sse.client-script.path=/events"},
                {"sse.path=/sse", "sse.client-script.path=/sse/lib/client.js"}}) {
            servlet.withPropertyValues(properties).run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("sse.client-script.path")
                    .hasMessageContaining("must lie outside sse.path"));
            reactive.withPropertyValues(properties).run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining("must lie outside sse.path"));
        }
    }

    @Test
    void pathsBesideTheStreamPathAreFine() {
        servlet.withPropertyValues("sse.client-script.path=/events-client.js")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ClientScript.class));
    }

    @Test
    void aPathThatIsNoPlainPathIsRefusedWhileBinding() {
        for (String path : new String[] {"client.js", "/js/", "/js/*.js", "/js/client.js?v=1"}) {
            servlet.withPropertyValues("sse.client-script.path=" + path).run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("sse.client-script.path"));
        }
    }

    @Test
    void backsOffToTheApplicationsOwnScript() {
        servlet.withUserConfiguration(OwnScript.class).run(context -> {
            assertThat(context).hasSingleBean(ClientScript.class).hasBean("sseClientScriptRoute");
            assertThat(context.getBean(ClientScript.class)).isSameAs(context.getBean(OwnScript.class).script);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnScript {

        final ClientScript script = ClientScript.load(Duration.ofDays(7));

        @Bean
        ClientScript ownClientScript() {
            return script;
        }
    }
}
