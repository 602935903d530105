package dev.sseboot.autoconfigure.it;

/** {@link StreamLimitsTest} on Spring MVC and Tomcat. */
class StreamLimitsMvcTest extends StreamLimitsTest {
}
