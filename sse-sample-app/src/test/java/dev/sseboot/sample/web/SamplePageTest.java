package dev.sseboot.sample.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The page is served without a browser; {@link SamplePageBrowserTest} checks what it does. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.ticker.interval=500ms")
class SamplePageTest {

    @LocalServerPort
    private int port;

    @Test
    void rootServesThePageAndItsScriptAndStyles() {
        RestTestClient client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();

        String page = client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<script src=\"app.js\"", "<link rel=\"stylesheet\" href=\"app.css\">");
        client.get().uri("/app.js").exchange().expectStatus().isOk();
        client.get().uri("/app.css").exchange().expectStatus().isOk();
    }
}
