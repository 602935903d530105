package dev.sseboot.sample.web;

import dev.sseboot.core.hub.SseHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in headless Chromium: live ticker events and a second channel on one stream (through the
 * starter's browser client), the publish form, a dropped stream that comes back with the events both
 * channels missed marked as replayed, and a stream dropped before its first event that still gets
 * what was published while it was away, in {@link HeadlessChromium}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ticker.interval=500ms")
class SamplePageBrowserTest {

    private static final Path SCREENSHOT = Path.of("target", "sample-page.png");
    private static final Path NARROW_SCREENSHOT = Path.of("target", "sample-page-narrow.png");

    @LocalServerPort
    private int port;

    @Autowired
    private SseHub hub;

    @TempDir
    private Path profile;

    private RestTestClient api;
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        chromium = HeadlessChromium.start(profile);
        browser = chromium.browser();
        api = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void showsLiveEventsOfTwoChannelsOnOneStreamPublishesAndMarksTheEventsMissedDuringAReconnectAsReplayed()
            throws IOException {
        browser.get("http://localhost:" + port + "/?channel=time&channel=news");
        await("the stream to open", page -> state().equals("open"));
        await("one stream on the server for both channels", page -> hub.clientCount() == 1
                && hub.subscriberCount("time") == 1 && hub.subscriberCount("news") == 1);
        assertThat(text("stream-url")).isEqualTo("/events?channel=time&channel=news");
        await("a ticker event", page -> entries().stream().anyMatch(entry -> entry.event().equals("message")));
        String headline = publish("news", "a headline");
        await("the other channel's event", page -> entries().stream()
                .anyMatch(entry -> entry.id().equals(headline) && entry.channel().equals("news")));

        browser.findElement(By.id("publish-event")).sendKeys("greeting");
        browser.findElement(By.id("publish-data")).sendKeys("hello from the form");
        browser.findElement(By.id("publish-button")).click();
        Entry greeting = await("the published event in the log", page -> entries().stream()
                .filter(entry -> entry.event().equals("greeting")).findFirst().orElse(null));
        assertThat(greeting.text()).isEqualTo("hello from the form");
        assertThat(greeting.channel()).isEqualTo("time");
        assertThat(greeting.replayed()).isFalse();
        assertThat(text("publish-status")).startsWith("Published id " + greeting.id());

        api.post().uri("/api/channels/time/close").exchange()
                .expectStatus().isOk()
                // At least the page's stream; a stream the browser replaced a moment ago may still be
                // held until the disconnect probe notices it is gone.
                .expectBody().jsonPath("$.closedStreams").value((Integer closed) -> assertThat(closed).isGreaterThanOrEqualTo(1));
        // Closed streams take no more events: these reach the page only by replay, on both channels.
        List<String> missed = List.of(publish("missed while away 1"), publish("news", "missed while away 2"),
                publish("missed while away 3"));

        await("the page to reconnect", page -> text("count-reconnects").equals("1"));
        await("the missed events, replayed", page -> entries().stream()
                .filter(entry -> missed.contains(entry.id()) && entry.replayed()).count() == missed.size());
        assertThat(entries()).filteredOn(entry -> missed.contains(entry.id())).as("each once")
                .hasSize(missed.size());
        assertThat(Integer.parseInt(text("count-replayed"))).isGreaterThanOrEqualTo(missed.size());
        assertThat(text("log")).contains("stream dropped", "reconnected; the browser sent Last-Event-ID");
        await("live events again", page -> state().equals("open")
                && entries().get(0).event().equals("message") && !entries().get(0).replayed());
        screenshot(SCREENSHOT);

        browser.manage().window().setSize(new Dimension(390, 844));
        await("a phone-sized window", page -> width("window.innerWidth") <= 390);
        assertThat(width("document.documentElement.scrollWidth")).as("page width on a phone, no sideways scrolling")
                .isLessThanOrEqualTo(width("window.innerWidth"));
        screenshot(NARROW_SCREENSHOT);
    }

    @Test
    void aPageThatLosesItsStreamBeforeItsFirstEventGetsWhatWasPublishedMeanwhile() {
        browser.get("http://localhost:" + port + "/?channel=quiet");
        await("the stream to open", page -> state().equals("open"));
        assertThat(entries()).as("nothing was published on this channel yet").isEmpty();

        api.post().uri("/api/channels/quiet/close").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.closedStreams").isEqualTo(1);
        // The page saw no event, so only the position its stream opened with lets the browser resume.
        List<String> missed = List.of(publish("quiet", "away 1"), publish("quiet", "away 2"), publish("quiet", "away 3"));

        await("the page to reconnect", page -> text("count-reconnects").equals("1"));
        await("the events published while away", page -> entries().stream()
                .filter(entry -> missed.contains(entry.id())).count() == missed.size());
        assertThat(entries()).extracting(Entry::text).containsExactly("away 3", "away 2", "away 1");
        assertThat(entries()).noneMatch(entry -> entry.event().equals("sse-gap"));
        assertThat(text("log")).contains("reconnected; the browser sent the position the stream opened with");
    }

    private void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(file).isNotEmptyFile();
    }

    private long width(String script) {
        return (Long) chromium.script("return " + script);
    }

    private String publish(String data) {
        return publish("time", data);
    }

    private String publish(String channel, String data) {
        return api.post().uri("/api/channels/" + channel + "/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("data", data))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody()
                .get("id").toString();
    }

    private <T> T await(String what, Function<WebDriver, T> condition) {
        return chromium.await(what, () -> "state: " + state() + ", log: " + entries(), condition);
    }

    private String state() {
        return text("state");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The log's events, newest first, read in one script so that a busy log cannot change under the test. */
    private List<Entry> entries() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) chromium.script(
                "return [...document.querySelectorAll('#log .entry')].map(e => ({id: e.dataset.id,"
                        + " event: e.dataset.event, replayed: e.dataset.replayed,"
                        + " channel: e.querySelector('.channel').textContent,"
                        + " text: e.querySelector('.text').textContent}))");
        return rows.stream()
                .map(row -> new Entry((String) row.get("id"), (String) row.get("channel"), (String) row.get("event"),
                        "true".equals(row.get("replayed")), (String) row.get("text")))
                .toList();
    }

    private record Entry(String id, String channel, String event, boolean replayed, String text) {
    }
}
