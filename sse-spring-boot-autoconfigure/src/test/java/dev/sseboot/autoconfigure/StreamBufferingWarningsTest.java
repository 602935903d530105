package dev.sseboot.autoconfigure;

import dev.sseboot.web.servlet.StreamBufferingWarnings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import dev.sseboot.autoconfigure.web.servlet.SseWebMvcAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

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
