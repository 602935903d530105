package dev.sseboot.autoconfigure.it;

/** {@link MultiplexedStreamsTest} on Spring MVC and Tomcat. */
class MultiplexedStreamsMvcTest extends MultiplexedStreamsTest {
}
