package dev.sseboot.autoconfigure.it;

/** {@link GzipStreamTest} on Spring MVC and Tomcat. */
class GzipStreamMvcTest extends GzipStreamTest {
}
