package dev.sseboot.autoconfigure.it;

import dev.sseboot.clientscript.ClientScript;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser client script over real HTTP: its type, its caching headers, and 304 for a browser that has it. */
@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sse.client-script.path=/assets/sseboot.js", "sse.client-script.max-age=10m"})
abstract class ClientScriptTest {

    private static final String PATH = "/assets/sseboot.js";

    @LocalServerPort
    int port;

    @Test
    void theScriptIsServedWithItsTypeAndCachingHeaders() throws Exception {
        HttpResponse<byte[]> response = Http.CLIENT.send(Http.request(port, PATH).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/javascript;charset=utf-8"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=600");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(etag -> assertThat(etag).matches("\"[0-9a-f]{32}\""));
        try (InputStream script = ClientScript.class.getClassLoader().getResourceAsStream(ClientScript.LOCATION)) {
            assertThat(response.body()).isEqualTo(script.readAllBytes());
        }
    }

    @Test
    void aBrowserThatHasTheScriptGets304WithTheSameValidators() throws Exception {
        String etag = Http.send(Http.request(port, PATH).build()).headers().firstValue("ETag").orElseThrow();

        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            HttpResponse<String> response = Http.send(Http.request(port, PATH).header("If-None-Match", ifNoneMatch).build());
            assertThat(response.statusCode()).as("If-None-Match: %s", ifNoneMatch).isEqualTo(304);
            assertThat(response.headers().firstValue("ETag")).hasValue(etag);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=600");
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void aBrowserWithAnotherVersionGetsTheWholeScript() throws Exception {
        HttpResponse<String> response = Http.send(Http.request(port, PATH)
                .header("If-None-Match", "\"0123456789abcdef0123456789abcdef\"").build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("SseBoot");
    }

    @Test
    void onlyGetAndHeadAtTheConfiguredPathServeTheScript() throws Exception {
        HttpResponse<String> head = Http.send(Http.request(port, PATH).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).isPresent();
        assertThat(head.body()).isEmpty();
        assertThat(Http.send(Http.request(port, PATH).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode())
                .isIn(404, 405);
        assertThat(Http.send(Http.request(port, "/sseboot/client.js").build()).statusCode())
                .as("the default path, which the configured one replaces").isEqualTo(404);
    }
}
