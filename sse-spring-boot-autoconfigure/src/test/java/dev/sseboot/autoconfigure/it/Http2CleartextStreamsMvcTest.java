package dev.sseboot.autoconfigure.it;

/** {@link Http2CleartextStreamsTest} on Spring MVC and Tomcat. */
class Http2CleartextStreamsMvcTest extends Http2CleartextStreamsTest {
}
