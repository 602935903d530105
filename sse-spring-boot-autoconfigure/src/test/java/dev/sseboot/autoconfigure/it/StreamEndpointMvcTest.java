package dev.sseboot.autoconfigure.it;

/** {@link StreamEndpointTest} on Spring MVC and Tomcat. */
class StreamEndpointMvcTest extends StreamEndpointTest {
}
