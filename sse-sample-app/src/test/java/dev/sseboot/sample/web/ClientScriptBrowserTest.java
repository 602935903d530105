package dev.sseboot.sample.web;

import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseMessage;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.test.SelfSignedCertificate;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The starter's browser client ({@code /sseboot/client.js}) in headless Chromium against the real
 * stream endpoint, over HTTP/2 with TLS (a certificate made for the run): a page loads it and gets
 * the events of its channel; two channels and a pattern share one stream, whose composite ids tell
 * each event's channel (escapes included); a stream the server ends while events are published
 * resumes both channels exactly; a channel whose history cannot cover the resumption gets its gap
 * event, and so does a pattern; and two tabs with {@code shared: true} share one stream, and when the
 * tab that holds it closes, the other resumes it from the last id it saw, losing nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "sample.ticker.enabled=false",
        "sse.retry=300ms",
        // Small enough that three 2 KB events push a channel's older events out of its history.
        "sse.replay.max-bytes=5KB"})
class ClientScriptBrowserTest {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        CERTIFICATE.springBootServerProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    private int port;

    @Autowired
    private SsePublisher publisher;

    @Autowired
    private SseHub hub;

    @Autowired
    private StreamRequests streamRequests;

    @TempDir
    private Path profile;

    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        streamRequests.clear();
        chromium = HeadlessChromium.start(profile);
        browser = chromium.browser();
    }

    @AfterEach
    void closeBrowser() {
        streamRequests.release();
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aPageLoadsTheScriptFromTheStarterOverHttp2AndGetsTheEventsOfItsChannel() {
        browser.get(page("channel=news&event=headline&watch=news"));
        awaitState("open");

        String first = publisher.publish("news", "first").id();
        publisher.publish("sports", "not for this page");
        String named = publisher.publish("news", "headline", "named").id();
        String json = publisher.publish("news", Map.of("price", 42)).id();

        awaitReceived(3);
        assertThat(received()).containsExactly(
                Map.of("channel", "news", "event", "message", "data", "first", "id", first, "lastEventId", first),
                Map.of("channel", "news", "event", "headline", "data", "named", "id", named, "lastEventId", named),
                Map.of("channel", "news", "event", "message", "data", "{\"price\":42}", "id", json, "lastEventId", json));
        assertThat(chromium.script("return watched.news")).isEqualTo(List.of("first", "named", "{\"price\":42}"));
        assertThat(chromium.script("return performance.getEntriesByType('navigation')[0].nextHopProtocol"))
                .as("the page's protocol").isEqualTo("h2");
        assertThat(chromium.script("return performance.getEntriesByType('resource')"
                + ".filter(entry => new URL(entry.name).pathname === '/sseboot/client.js')"
                + ".map(entry => entry.nextHopProtocol)")).as("the script, from the starter's path").isEqualTo(List.of("h2"));
        assertThat(streamRequests.paths()).containsExactly("/events/news");
    }

    @Test
    void twoChannelsAndAPatternShareOneStreamAndTheCompositeIdsTellEachEventsChannel() {
        browser.get(page("channel=multi/a&channel=multi/b&channel=multi/c/*&event=price&watch=multi/a&watch=multi/c/*"));
        awaitState("open");
        chromium.await("one stream on the server", this::pageState, page -> hub.clientCount() == 1
                && hub.subscriberCount("multi/a") == 1 && hub.subscriberCount("multi/b") == 1);

        String a1 = publisher.publish("multi/a", "first of a").id();
        String b1 = publisher.publish("multi/b", "price", Map.of("price", 42)).id();
        publisher.publish("multi/c/x", "through the pattern");
        publisher.publish("multi/a", SseMessage.builder().id("x,y|z%").data("escaped").build());

        awaitReceived(4);
        assertThat(received()).extracting(event -> event.get("channel"), event -> event.get("event"),
                event -> event.get("data"), event -> event.get("id")).containsExactly(
                tuple("multi/a", "message", "first of a", a1),
                tuple("multi/b", "price", "{\"price\":42}", b1),
                tuple("multi/c/x", "message", "through the pattern", null),
                tuple("multi/a", "message", "escaped", "x,y|z%"));
        assertThat(received().get(3).get("lastEventId")).as("the composite id, escaped, as the browser keeps it")
                .isEqualTo("multi/a|x%2Cy%7Cz%25," + b1 + ",");
        assertThat(chromium.script("return watched")).isEqualTo(Map.of(
                "multi/a", List.of("first of a", "escaped"), "multi/c/*", List.of("through the pattern")));
        assertThat(streamRequests.paths()).containsExactly("/events");
    }

    @Test
    void aStreamTheServerEndsWhileEventsArePublishedResumesBothChannelsExactly() throws Exception {
        browser.get(page("channel=resume/a&channel=resume/b"));
        awaitState("open");
        chromium.await("the stream to join both channels", this::pageState,
                page -> hub.subscriberCount("resume/a") == 1 && hub.subscriberCount("resume/b") == 1);

        Map<String, List<String>> published = Map.of("resume/a", new CopyOnWriteArrayList<>(),
                "resume/b", new CopyOnWriteArrayList<>());
        CountDownLatch halfway = new CountDownLatch(1);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 60; i++) {
                String channel = i % 2 == 0 ? "resume/b" : "resume/a";
                String data = channel + " #" + i;
                publisher.publish(channel, data);
                published.get(channel).add(data);
                if (i == 20) {
                    halfway.countDown();
                }
                pause(15);
            }
        });
        assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.closeChannel("resume/a")).as("the page's one stream, ended by the server").isEqualTo(1);
        publishing.get(30, TimeUnit.SECONDS);

        awaitChannelData(published);
        assertThat(streamRequests.lastEventIds()).as("the browser came back with its composite id").singleElement()
                .satisfies(lastEventId -> assertThat(lastEventId).matches("resume/[ab]\\|[^,]+,[^,]+"));
        assertThat(chromium.script("return gaps")).isEqualTo(List.of());
    }

    @Test
    void aChannelWhoseHistoryCannotCoverTheResumptionGetsItsGapEventAndSoDoesAPattern() {
        browser.get(page("channel=gap/a&channel=gap/b&channel=gap/p/*"));
        awaitState("open");
        chromium.await("the stream to join its channels", this::pageState, page -> hub.subscriberCount("gap/b") == 1);
        String a1 = publisher.publish("gap/a", "a1").id();
        publisher.publish("gap/b", "b1");
        awaitReceived(2);

        // The stream that resumes waits until the test lets it go: what is published meanwhile
        // reaches the page only by replay, or not at all.
        streamRequests.hold();
        hub.closeChannel("gap/b");
        streamRequests.awaitHeld();
        String big = "x".repeat(2048);
        for (int i = 0; i < 3; i++) {
            publisher.publish("gap/a", big);
        }
        publisher.publish("gap/b", "b2");
        publisher.publish("gap/p/x", "missed by the pattern");
        streamRequests.release();

        chromium.await("both gap events", this::pageState,
                page -> ((Number) chromium.script("return gaps.length")).intValue() == 2);
        assertThat((List<Object>) chromium.script("return gaps")).containsExactlyInAnyOrder(
                Map.of("channel", "gap/a", "position", a1), Map.of("channel", "gap/p/*", "position", ""));
        publisher.publish("gap/a", "a live");
        awaitChannelData(Map.of("gap/a", List.of("a1", "a live"), "gap/b", List.of("b1", "b2")));
    }

    @Test
    void twoTabsShareOneStreamAndTheOtherTakesOverWhenItsTabClosesWithoutLosingAnEvent() {
        String sharedPage = page("channel=shared/a&channel=shared/b&shared");
        browser.get(sharedPage);
        String first = browser.getWindowHandle();
        awaitState("open");
        assertThat(chromium.script("return stream.leader")).isEqualTo(true);
        browser.switchTo().newWindow(WindowType.TAB).get(sharedPage);
        String second = browser.getWindowHandle();
        awaitState("open");
        assertThat(chromium.script("return stream.leader")).as("the second tab leads").isEqualTo(false);
        chromium.await("one stream on the server for both tabs", this::pageState, page -> hub.clientCount() == 1);
        assertThat(hub.subscriberCount("shared/a")).isEqualTo(1);

        Map<String, List<String>> published = Map.of("shared/a", new ArrayList<>(), "shared/b", new ArrayList<>());
        for (int i = 1; i <= 4; i++) {
            publishShared(published, "while both are open " + i);
        }
        awaitChannelData(published);
        browser.switchTo().window(first);
        awaitChannelData(published);

        // The next stream that resumes waits until the test lets it go, so that what is published
        // meanwhile reaches the second tab only by replay from the id it resumes from.
        streamRequests.hold();
        browser.close();
        browser.switchTo().window(second);
        String lastSeen = (String) chromium.script("return stream.lastEventId");
        streamRequests.awaitHeld();
        assertThat(hub.subscriberCount("shared/a")).as("no stream while the new one is held").isZero();
        for (int i = 1; i <= 4; i++) {
            publishShared(published, "while no tab holds the stream " + i);
        }
        streamRequests.release();

        awaitChannelData(published);
        assertThat(chromium.script("return stream.leader")).isEqualTo(true);
        assertThat(streamRequests.lastEventIds()).containsExactly(lastSeen);
        assertThat(streamRequests.paths()).as("the first tab's stream, then the second's").hasSize(2);
        chromium.await("one stream on the server", this::pageState, tab -> hub.clientCount() == 1);
    }

    private void publishShared(Map<String, List<String>> published, String data) {
        String channel = published.get("shared/a").size() <= published.get("shared/b").size() ? "shared/a" : "shared/b";
        publisher.publish(channel, data);
        published.get(channel).add(data);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String page(String query) {
        return "https://localhost:" + port + "/client-test.html?" + query;
    }

    private void awaitState(String state) {
        chromium.await("the stream to be " + state, this::pageState,
                page -> state.equals(chromium.script("return stream.state")));
    }

    private void awaitReceived(int count) {
        chromium.await(count + " events", this::pageState,
                page -> ((Number) chromium.script("return received.length")).intValue() >= count);
    }

    /** Waits until this tab has received exactly {@code data} of each channel, in order: nothing missing, nothing twice. */
    private void awaitChannelData(Map<String, List<String>> data) {
        chromium.await("the events " + data, this::pageState, page -> data.entrySet().stream().allMatch(channel ->
                channel.getValue().equals(chromium.script("return received.filter(event => event.channel === arguments[0])"
                        + ".map(event => event.data)", channel.getKey()))));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> received() {
        return (List<Map<String, Object>>) chromium.script("return received");
    }

    private String pageState() {
        return "page: " + chromium.script("return JSON.stringify({states, received, gaps, leader: stream.leader})")
                + ", stream requests: " + streamRequests.paths();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        StreamRequests streamRequests() {
            return new StreamRequests();
        }

        @Bean
        FilterRegistrationBean<Filter> streamRequestsFilter(StreamRequests requests) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(requests.filter());
            registration.addUrlPatterns("/events/*");
            return registration;
        }
    }

    /** Records the stream requests, and can hold back the next one that resumes (Last-Event-ID or {@code ?lastEventId=}). */
    static class StreamRequests {

        private final List<String> paths = new CopyOnWriteArrayList<>();
        private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch held = new CountDownLatch(0);
        private volatile CountDownLatch arrived = new CountDownLatch(1);

        Filter filter() {
            return (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                paths.add(http.getRequestURI());
                // A new leader resumes with ?lastEventId=, an EventSource that reconnects with the header.
                String header = http.getHeader("Last-Event-ID");
                String lastEventId = header != null ? header : http.getParameter("lastEventId");
                if (lastEventId != null) {
                    lastEventIds.add(lastEventId);
                    arrived.countDown();
                    try {
                        if (!held.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("The test never let the held stream go");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                chain.doFilter(request, response);
            };
        }

        void clear() {
            paths.clear();
            lastEventIds.clear();
        }

        void hold() {
            arrived = new CountDownLatch(1);
            held = new CountDownLatch(1);
        }

        void awaitHeld() {
            try {
                assertThat(arrived.await(30, TimeUnit.SECONDS)).as("a stream that resumes with ?lastEventId=").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        void release() {
            held.countDown();
        }

        List<String> paths() {
            return List.copyOf(paths);
        }

        List<String> lastEventIds() {
            return List.copyOf(lastEventIds);
        }
    }
}
