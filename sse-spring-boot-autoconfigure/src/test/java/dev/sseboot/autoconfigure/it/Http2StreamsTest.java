package dev.sseboot.autoconfigure.it;

import dev.sseboot.core.client.SseClient;
import dev.sseboot.core.hub.SseHub;
import dev.sseboot.core.wire.SseEvent;
import dev.sseboot.spring.SsePublisher;
import dev.sseboot.test.SseTestClient;
import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streams over HTTP/2 ({@code server.http2.enabled}): a hundred streams share one connection (the
 * server counts its sockets itself), every stream gets every event of its channel in order, and
 * streams outlive the servers' idle timeouts, here one second, when heartbeats come more often.
 * Without heartbeats Reactor Netty's {@code server.netty.idle-timeout} closes an HTTP/2 connection
 * whose streams are quiet, streams and all; Tomcat's HTTP/2 keep-alive timeout applies only to a
 * connection without streams. {@link Http2CleartextStreamsTest} runs it over cleartext HTTP/2 (h2c),
 * {@link Http2TlsStreamsTest} over TLS.
 */
@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.http2.enabled=true", "sse.heartbeat=300ms", "sse.disconnect-probe=0",
                "server.netty.idle-timeout=1s"})
@Import({ServerConnections.Counting.class, Http2StreamsTest.OneSecondHttp2Timeouts.class})
abstract class Http2StreamsTest {

    /** Tomcat's default limit of concurrent streams on one HTTP/2 connection. */
    private static final int STREAMS = 100;
    private static final int CHANNELS = 4;
    private static final int EVENTS_PER_CHANNEL = 25;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    SsePublisher publisher;

    @Autowired
    SseHub hub;

    @Autowired
    ServerConnections connections;

    private final List<SseTestClient> clients = new ArrayList<>();

    /** The client of one test; all of its requests share its connections. */
    protected abstract HttpClient.Builder httpClient();

    protected abstract String scheme();

    @AfterEach
    void closeClients() {
        clients.forEach(SseTestClient::close);
    }

    @Test
    void aHundredStreamsShareOneConnectionAndEachGetsEveryEventOfItsChannelInOrder() throws Exception {
        HttpClient client = connectedClient();
        IntStream.range(0, STREAMS).forEach(stream -> open(client, stream));
        clients.forEach(stream -> stream.awaitOpen(WAIT));
        await().atMost(WAIT).until(() -> hub.clientCount() == STREAMS);
        assertThat(connections.open()).as("sockets the server holds for %d streams", STREAMS).isEqualTo(1);

        for (int event = 0; event < EVENTS_PER_CHANNEL; event++) {
            for (int channel = 0; channel < CHANNELS; channel++) {
                publisher.publish(channel(channel), "event " + event + " of " + channel(channel));
            }
        }

        for (int stream = 0; stream < STREAMS; stream++) {
            String channel = channel(stream % CHANNELS);
            assertThat(clients.get(stream).awaitEvents(EVENTS_PER_CHANNEL, WAIT)).extracting(SseEvent::data)
                    .as("stream %d on %s", stream, channel)
                    .containsExactlyElementsOf(IntStream.range(0, EVENTS_PER_CHANNEL)
                            .mapToObj(event -> "event " + event + " of " + channel).toList());
        }
        assertThat(clients).allSatisfy(stream -> assertThat(stream.opens()).as("never reconnected").isEqualTo(1));
        assertThat(connections.open()).isEqualTo(1);
    }

    @Test
    void streamsWithHeartbeatsOutliveTheServersIdleTimeouts() throws Exception {
        HttpClient client = connectedClient();
        IntStream.range(0, CHANNELS).forEach(stream -> open(client, stream));
        clients.forEach(stream -> stream.awaitOpen(WAIT));

        await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
            assertThat(hub.clientCount()).as("streams").isEqualTo(CHANNELS);
            assertThat(connections.open()).as("connections").isEqualTo(1);
        });
        for (int channel = 0; channel < CHANNELS; channel++) {
            publisher.publish(channel(channel), "after a quiet while");
        }

        assertThat(clients).allSatisfy(stream -> {
            assertThat(stream.awaitEvents(1, WAIT)).extracting(SseEvent::data).containsExactly("after a quiet while");
            assertThat(stream.opens()).isEqualTo(1);
        });
    }

    /**
     * A client whose HTTP/2 connection is up: one short request sets it up (over h2c by upgrading
     * itself), so that the streams go over it instead of racing it with connections of their own.
     */
    private HttpClient connectedClient() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(hub.clientCount()).as("streams left by an earlier test").isZero();
            assertThat(connections.open()).as("connections left by an earlier test").isZero();
        });
        HttpClient client = httpClient().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<Void> first = client.send(HttpRequest.newBuilder(URI.create(base() + "/no-such-page"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
        return client;
    }

    private SseTestClient open(HttpClient client, int stream) {
        SseTestClient opened = SseTestClient.connect(SseClient.builder(uri(channel(stream % CHANNELS)))
                .httpClient(client).connectTimeout(WAIT));
        clients.add(opened);
        return opened;
    }

    private URI uri(String channel) {
        return URI.create(base() + "/events/" + channel);
    }

    protected String base() {
        return scheme() + "://localhost:" + port;
    }

    private static String channel(int index) {
        return "h2/" + index;
    }

    /** Tomcat's HTTP/2 timeouts down from 5 s (partial frames) and 20 s (keep-alive) to one second. */
    @Configuration(proxyBeanMethods = false)
    static class OneSecondHttp2Timeouts {

        @Bean
        TomcatConnectorCustomizer oneSecondHttp2Timeouts() {
            return connector -> {
                for (UpgradeProtocol protocol : connector.findUpgradeProtocols()) {
                    if (protocol instanceof Http2Protocol http2) {
                        http2.setKeepAliveTimeout(1000);
                        http2.setReadTimeout(1000);
                        http2.setWriteTimeout(1000);
                    }
                }
            };
        }
    }
}
