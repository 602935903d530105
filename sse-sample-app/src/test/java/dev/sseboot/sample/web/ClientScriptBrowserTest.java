package dev.sseboot.sample.web;

import dev.sseboot.core.hub.SseHub;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The starter's browser client ({@code /sseboot/client.js}) in headless Chromium, over HTTP/2 with
 * TLS (a certificate made for the run): a page loads it and gets the events of its channel; two tabs
 * with {@code shared: true} share one stream, and when the tab that holds it closes, the other
 * resumes it from the last id it saw, losing nothing; and the composite ids of a multiplexed stream,
 * written by a test endpoint exactly as the wire convention says, tell each event's channel.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ticker.enabled=false")
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

    @Autowired
    private MultiplexedWire multiplexedWire;

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
    void twoTabsShareOneStreamAndTheOtherTakesOverWhenItsTabClosesWithoutLosingAnEvent() {
        String sharedPage = page("channel=shared&shared");
        browser.get(sharedPage);
        String first = browser.getWindowHandle();
        awaitState("open");
        assertThat(chromium.script("return stream.leader")).isEqualTo(true);
        browser.switchTo().newWindow(WindowType.TAB).get(sharedPage);
        String second = browser.getWindowHandle();
        awaitState("open");
        assertThat(chromium.script("return stream.leader")).as("the second tab leads").isEqualTo(false);
        assertThat(hub.subscriberCount("shared")).as("streams the server holds for both tabs").isEqualTo(1);

        List<String> published = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            published.add("while both are open " + i);
            publisher.publish("shared", published.get(published.size() - 1));
        }
        awaitData(published);
        browser.switchTo().window(first);
        awaitData(published);

        // The next stream that resumes waits until the test lets it go, so that what is published
        // meanwhile reaches the second tab only by replay from the id it resumes from.
        streamRequests.hold();
        browser.close();
        browser.switchTo().window(second);
        String lastSeen = (String) chromium.script("return stream.lastEventId");
        streamRequests.awaitHeld();
        assertThat(hub.subscriberCount("shared")).as("no stream while the new one is held").isZero();
        for (int i = 1; i <= 3; i++) {
            published.add("while no tab holds the stream " + i);
            publisher.publish("shared", published.get(published.size() - 1));
        }
        streamRequests.release();

        awaitData(published);
        assertThat(chromium.script("return stream.leader")).isEqualTo(true);
        assertThat(streamRequests.lastEventIds()).containsExactly(lastSeen);
        assertThat(streamRequests.paths()).as("the first tab's stream, then the second's").hasSize(2);
        chromium.await("one stream on the server", this::pageState, tab -> hub.subscriberCount("shared") == 1);
    }

    @Test
    void theCompositeIdsOfAMultiplexedStreamTellEachEventsChannelAndThePositionsGoBackOnReconnect() {
        browser.get(page("path=/wire-test&channel=a&channel=b&channel=c/*&event=price&watch=a&watch=c/*"));
        awaitState("closed");

        assertThat(received()).containsExactly(
                event("a", "message", "first of a", "8", "a|8,41,"),
                event("b", "price", "{\"price\":42}", "42", "b|8,42,"),
                event("c/x", "message", "through the pattern", null, "c/x|8,42,"),
                event("a", "message", "escaped", "x,y|z%", "a|x%2Cy%7Cz%25,42,"));
        assertThat(chromium.script("return gaps")).isEqualTo(List.of(Map.of("channel", "a", "position", "5")));
        assertThat(chromium.script("return watched")).isEqualTo(Map.of(
                "a", List.of("first of a", "escaped"), "c/*", List.of("through the pattern")));
        assertThat(multiplexedWire.requests()).containsExactly(
                entry(List.of("a", "b", "c/*"), ""),
                entry(List.of("a", "b", "c/*"), "a|x%2Cy%7Cz%25,42,"));
    }

    private static Map<String, Object> event(String channel, String name, String data, String id, String lastEventId) {
        Map<String, Object> event = new java.util.HashMap<>();
        event.put("channel", channel);
        event.put("event", name);
        event.put("data", data);
        event.put("id", id);
        event.put("lastEventId", lastEventId);
        return event;
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

    /** Waits until this tab has received exactly {@code data}, in order: nothing missing, nothing twice. */
    private void awaitData(List<String> data) {
        chromium.await("the events " + data, this::pageState, page -> data.equals(chromium.script(
                "return received.map(event => event.data)")));
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

        @Bean
        MultiplexedWire multiplexedWire() {
            return new MultiplexedWire();
        }
    }

    /** Records the stream requests, and can hold back the next one that resumes with {@code ?lastEventId=}. */
    static class StreamRequests {

        private final List<String> paths = new CopyOnWriteArrayList<>();
        private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch held = new CountDownLatch(0);
        private volatile CountDownLatch arrived = new CountDownLatch(1);

        Filter filter() {
            return (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                paths.add(http.getRequestURI());
                String lastEventId = http.getParameter("lastEventId");
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

    /**
     * A multiplexed stream of three entries ({@code a}, {@code b}, the pattern {@code c/*}) written
     * by hand exactly as the wire convention says: the opening id-only block, an event of each
     * entry, a comment, the gap event of {@code a}, and an id with every escape. The stream then
     * ends; the browser comes back with the last composite id, and is told to stop (204).
     */
    @RestController
    static class MultiplexedWire {

        private static final String STREAM = """
                retry: 300

                id: |7,41,

                data: first of a
                id: a|8,41,

                event: price
                data: {"price":42}
                id: b|8,42,

                data: through the pattern
                id: c/x|8,42,

                : a comment dispatches nothing

                event: sse-gap
                data: 5
                id: a|12,42,

                data: escaped
                id: a|x%2Cy%7Cz%25,42,

                """;

        private final List<Map.Entry<List<String>, String>> requests = Collections.synchronizedList(new ArrayList<>());

        @GetMapping("/wire-test")
        ResponseEntity<String> stream(@RequestParam("channel") List<String> channels,
                @RequestHeader(name = "Last-Event-ID", defaultValue = "") String lastEventId) {
            requests.add(Map.entry(channels, lastEventId));
            if (!lastEventId.isEmpty()) {
                return ResponseEntity.noContent().build();
            }
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(STREAM);
        }

        List<Map.Entry<List<String>, String>> requests() {
            return List.copyOf(requests);
        }
    }
}
