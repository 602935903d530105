package dev.sseboot.autoconfigure.reliability;

/** {@link BadHttpInputTest} on Spring MVC and Tomcat. */
class BadHttpInputMvcTest extends BadHttpInputTest {
}
