package dev.sseboot.autoconfigure.web;

import dev.sseboot.autoconfigure.SseAutoConfiguration;
import dev.sseboot.core.hub.SseSettings;
import dev.sseboot.core.hub.StreamBudget;
import dev.sseboot.web.StreamCapacity;
import dev.sseboot.web.StreamFootprint;
import dev.sseboot.web.tomcat.LeanHttp11Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Without sse.max-connections, the web server's factory decides how many streams are accepted. */
@ExtendWith(OutputCaptureExtension.class)
class SseStreamCapacityAutoConfigurationTest {

    private static final long MAX_HEAP = Runtime.getRuntime().maxMemory();

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class, SseStreamCapacityAutoConfiguration.class));

    @Test
    void onTomcatStreamsTakeHalfTheHeapAndLeaveATenthOfItsConnections(CapturedOutput output) {
        servlet.withBean(TomcatServletWebServerFactory.class).run(context -> {
            assertThat(context.getBean(StreamCapacity.class).footprint()).isEqualTo(StreamFootprint.TOMCAT);
            assertThat(maxConnections(context)).isEqualTo(Math.min(
                    StreamBudget.streamsInHeap(MAX_HEAP, StreamFootprint.TOMCAT.heapBytes()), 8192 - 820));
        });
        assertThat(output).contains("Accepting up to ").contains(" on Tomcat (105 KB each, at most half the heap")
                .contains("; set sse.max-connections to change");
    }

    @Test
    void aSmallTomcatConnectionLimitKeepsAReserveForOtherRequests(CapturedOutput output) {
        servlet.withBean(TomcatServletWebServerFactory.class).withPropertyValues("server.tomcat.max-connections=200")
                .run(context -> assertThat(maxConnections(context)).isEqualTo(180));
        assertThat(output).contains("Accepting up to 180 streams in a ")
                .contains("server.tomcat.max-connections=200 less 20 for other requests); set sse.max-connections to change");
    }

    @Test
    void theLeanTomcatConnectorCostsLessPerStream() {
        servlet.withBean(TomcatServletWebServerFactory.class, () -> {
            TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
            factory.setProtocol(LeanHttp11Protocol.class.getName());
            return factory;
        }).withPropertyValues("server.tomcat.max-connections=1000000").run(context -> {
            assertThat(context.getBean(StreamCapacity.class).footprint()).isEqualTo(StreamFootprint.TOMCAT_LEAN);
            assertThat(maxConnections(context))
                    .isEqualTo(StreamBudget.streamsInHeap(MAX_HEAP, StreamFootprint.TOMCAT_LEAN.heapBytes()));
        });
    }

    @Test
    void onJettyOnlyTheHeapLimitsUnlessItsConnectionsAreLimited() {
        servlet.withBean(JettyServletWebServerFactory.class).run(context ->
                assertThat(maxConnections(context))
                        .isEqualTo(StreamBudget.streamsInHeap(MAX_HEAP, StreamFootprint.JETTY.heapBytes())));
        servlet.withBean(JettyServletWebServerFactory.class).withPropertyValues("server.jetty.max-connections=500")
                .run(context -> assertThat(maxConnections(context)).isEqualTo(450));
    }

    @Test
    void onReactorNettyOnlyTheHeapLimits() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class,
                        SseStreamCapacityAutoConfiguration.class))
                .withBean(NettyReactiveWebServerFactory.class)
                .run(context -> assertThat(maxConnections(context))
                        .isEqualTo(StreamBudget.streamsInHeap(MAX_HEAP, StreamFootprint.REACTOR_NETTY.heapBytes())));
    }

    @Test
    void aConfiguredLimitWinsAndIsWarnedAboutWhenItLeavesNoRoomForOtherRequests(CapturedOutput output) {
        servlet.withBean(TomcatServletWebServerFactory.class)
                .withPropertyValues("server.tomcat.max-connections=200", "sse.max-connections=190")
                .run(context -> assertThat(maxConnections(context)).isEqualTo(190));
        assertThat(output).contains("Accepting up to 190 streams (sse.max-connections=190)")
                .contains("WARN").contains("sse.max-connections=190 lets streams take more than the 180 of "
                        + "server.tomcat.max-connections=200 connections that leave 20 for other requests: past 200 "
                        + "connections Tomcat leaves new ones, the application's other requests included, unanswered");
    }

    @Test
    void aConfiguredLimitWithinBothIsTakenQuietly(CapturedOutput output) {
        servlet.withBean(TomcatServletWebServerFactory.class)
                .withPropertyValues("server.tomcat.max-connections=200", "sse.max-connections=180")
                .run(context -> assertThat(maxConnections(context)).isEqualTo(180));
        assertThat(output).contains("Accepting up to 180 streams (sse.max-connections=180)").doesNotContain("WARN");
    }

    @Test
    void noLimitAtAllIsWarnedAbout(CapturedOutput output) {
        servlet.withBean(TomcatServletWebServerFactory.class).withPropertyValues("sse.max-connections=0")
                .run(context -> assertThat(maxConnections(context)).isZero());
        assertThat(output).contains("Accepting any number of streams (sse.max-connections=0 (no limit))")
                .contains("sse.max-connections=0 (no limit) lets streams take more than the 7,372 of "
                        + "server.tomcat.max-connections=8,192 connections")
                .contains("sse.max-connections=0 (no limit) lets streams take more than half of the ");
    }

    @Test
    void withoutAWebServerNothingIsDerived() {
        servlet.run(context -> {
            assertThat(context).doesNotHaveBean(StreamCapacity.class);
            assertThat(maxConnections(context)).isZero();
        });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SseAutoConfiguration.class, SseStreamCapacityAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(StreamCapacity.class));
    }

    private static int maxConnections(org.springframework.context.ApplicationContext context) {
        return context.getBean(SseSettings.class).maxConnections();
    }
}
