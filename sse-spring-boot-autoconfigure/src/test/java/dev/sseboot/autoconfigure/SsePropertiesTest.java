package dev.sseboot.autoconfigure;

import dev.sseboot.core.hub.SseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(OutputCaptureExtension.class)
class SsePropertiesTest {

    /** The literals in SseProperties are there for IDE metadata; the engine's defaults are the truth. */
    @Test
    void defaultsAreTheEnginesDefaults() {
        SseSettings fromProperties = new SseProperties().toSettings();

        assertThat(fromProperties).usingRecursiveComparison().isEqualTo(SseSettings.defaults());
        assertThat(fromProperties).as("the comparison looks at the fields").usingRecursiveComparison()
                .isNotEqualTo(SseSettings.builder().queueCapacity(7).build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sse.write-timeout=-1s     | sse.write-timeout     | must be positive",
            "sse.queue-capacity=0      | sse.queue-capacity    | must be at least 1",
            "sse.path=events           | sse.path              | must start with '/'",
            "sse.headers.X-Note=a\\rb  | sse.headers.x-note    | must be a single line",
            "sse.max-event-size=3GB    | sse.max-event-size    | must be positive and at most 2147483647 bytes",
            "sse.tokens.ttl=0s         | sse.tokens.ttl        | must be positive"})
    void aBadValueEndsInAFailureAnalysisNamingTheProperty(String setting, String property, String reason,
            CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(PlainApplication.class)
                .web(WebApplicationType.NONE)
                .properties(setting.replace("\\r", "\r"), "spring.main.banner-mode=off")
                .run()
                .close());

        assertThat(failure).hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output).contains("APPLICATION FAILED TO START", property, reason)
                .as("analysed, not logged as a bare stack trace").doesNotContain("Application run failed");
    }

    /** Not checked while binding, where Boot's failure analysis would print the value, but by SseTokens. */
    @Test
    void aShortTokenSecretFailsStartUpWithoutBeingPrinted(CapturedOutput output) {
        String secret = "short-but-still-secret";
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(PlainApplication.class)
                .web(WebApplicationType.NONE)
                .properties("sse.tokens.secret=" + secret, "spring.main.banner-mode=off")
                .run()
                .close());

        assertThat(failure).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("sse.tokens.secret").hasMessageContaining("at least 32 characters");
        assertThat(output).doesNotContain(secret);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlainApplication {
    }
}
