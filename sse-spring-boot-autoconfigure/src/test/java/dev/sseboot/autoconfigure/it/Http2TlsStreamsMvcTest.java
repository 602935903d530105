package dev.sseboot.autoconfigure.it;

/** {@link Http2TlsStreamsTest} on Spring MVC and Tomcat. */
class Http2TlsStreamsMvcTest extends Http2TlsStreamsTest {
}
