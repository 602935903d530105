package dev.sseboot.autoconfigure.it;

/** {@link ObservabilityTest} on Spring MVC and Tomcat. */
class ObservabilityMvcTest extends ObservabilityTest {
}
