package dev.sseboot.autoconfigure;

import dev.sseboot.web.servlet.StreamBufferingWarnings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.sseboot.autoconfigure.web.servlet.SseWebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class StreamBufferingWarningsTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class, SseWebMvcAutoConfiguration.class));

    @Test
    void nothingToSayAboutADefaultApplication(CapturedOutput output) {
        runner.withPropertyValues("server.compression.enabled=true").run(context -> {
            assertThat(context.getBean(StreamBufferingWarnings.class).problems()).isEmpty();
            assertThat(output.getOut()).doesNotContain("may be delayed");
        });
    }

    @Test
    void warnsWhenCompressionCoversEventStreams(CapturedOutput output) {
        runner.withPropertyValues("server.compression.enabled=true",
                "server.compression.additional-mime-types=text/event-stream").run(context -> {
            assertThat(context.getBean(StreamBufferingWarnings.class).problems()).singleElement().asString()
                    .contains("server.compression");
            assertThat(output.getOut()).contains("WARN").contains("Server-Sent Events streams may be delayed");
        });
    }

    @Test
    void seesMimeTypesGivenAsAYamlList() {
        String yaml = """
                server:
                  compression:
                    enabled: true
                    mime-types:
                      - text/html
                      - text/event-stream
                """;
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(yaml(yaml)))
                .run(context -> {
                    assertThat(context.getEnvironment().getProperty("server.compression.mime-types[1]"))
                            .as("YAML lists arrive indexed").isEqualTo("text/event-stream");
                    assertThat(context.getBean(StreamBufferingWarnings.class).problems()).singleElement().asString()
                            .contains("server.compression");
                });
    }

    @Test
    void aYamlListWithoutEventStreamsIsFine() {
        String yaml = """
                server.compression:
                  enabled: true
                  additional-mime-types: [text/html, application/json]
                """;
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(yaml(yaml)))
                .run(context -> assertThat(context.getBean(StreamBufferingWarnings.class).problems()).isEmpty());
    }

    /** The property source Boot makes of an application.yml with this content. */
    private static PropertySource<?> yaml(String content) {
        try {
            return new YamlPropertySourceLoader()
                    .load("application.yml", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)))
                    .get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void warnsAboutAShallowEtagHeaderFilterHoweverItIsRegistered() {
        runner.withBean(ShallowEtagHeaderFilter.class).run(context -> assertThat(
                context.getBean(StreamBufferingWarnings.class).problems()).singleElement().asString()
                .contains("ShallowEtagHeaderFilter"));
        runner.withBean("etag", FilterRegistrationBean.class,
                () -> new FilterRegistrationBean<>(new ShallowEtagHeaderFilter())).run(context -> assertThat(
                context.getBean(StreamBufferingWarnings.class).problems()).singleElement().asString()
                .contains("ShallowEtagHeaderFilter"));
    }
}
