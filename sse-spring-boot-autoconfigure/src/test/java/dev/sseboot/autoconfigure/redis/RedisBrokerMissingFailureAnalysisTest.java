package dev.sseboot.autoconfigure.redis;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A real application run with {@code sse.broker=redis} and a piece of the Redis broker missing
 * from the classpath: start-up ends in Boot's failure analysis naming what to add, whichever bean
 * asks for the broker first.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisBrokerMissingFailureAnalysisTest {

    @ParameterizedTest(name = "{0} hidden, {1} application")
    @CsvSource({
            "org.springframework.data.redis, NONE,    Spring Data Redis is not on the classpath",
            "org.springframework.data.redis, SERVLET, Spring Data Redis is not on the classpath",
            "dev.sseboot.redis,              NONE,    dev.sseboot:sse-redis is not on the classpath",
            "dev.sseboot.redis,              SERVLET, dev.sseboot:sse-redis is not on the classpath"})
    void startUpSaysWhatToAdd(String hiddenPackage, WebApplicationType type, String missing, CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(PlainApplication.class)
                .web(type)
                .resourceLoader(new DefaultResourceLoader(new FilteredClassLoader(hiddenPackage)))
                .properties("sse.broker=redis", "server.port=0", "spring.main.banner-mode=off")
                .run()
                .close());

        assertThat(failure).as("start-up fails").isNotNull();
        FailureAnalysis analysis = new RedisBrokerMissingFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("the failure carries a RedisBrokerMissingException").isNotNull();
        assertThat(analysis.getDescription()).contains(missing);
        assertThat(analysis.getAction()).contains("dev.sseboot:sse-redis",
                "org.springframework.boot:spring-boot-starter-data-redis", "sse.broker=memory");
        assertThat(output).as("what Boot reports").contains("APPLICATION FAILED TO START", missing,
                        "Add the dependencies dev.sseboot:sse-redis and")
                .doesNotContain("required a bean of type 'dev.sseboot.core.broker.SseBroker'");
    }

    /** An application as users write one: everything auto-configured. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlainApplication {
    }
}
