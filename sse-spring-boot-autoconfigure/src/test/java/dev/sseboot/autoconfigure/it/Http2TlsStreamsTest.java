package dev.sseboot.autoconfigure.it;

import dev.sseboot.test.SelfSignedCertificate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpClient;

/** {@link Http2StreamsTest} over TLS: the server offers HTTP/2 by ALPN, with a certificate made for this run. */
abstract class Http2TlsStreamsTest extends Http2StreamsTest {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        CERTIFICATE.springBootServerProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Override
    protected HttpClient.Builder httpClient() {
        return HttpClient.newBuilder().sslContext(CERTIFICATE.trustingSslContext());
    }

    @Override
    protected String scheme() {
        return "https";
    }
}
