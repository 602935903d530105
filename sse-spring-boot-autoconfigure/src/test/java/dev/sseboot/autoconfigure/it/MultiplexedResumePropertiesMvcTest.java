package dev.sseboot.autoconfigure.it;

/** {@link MultiplexedResumePropertiesTest} on Spring MVC and Tomcat. */
class MultiplexedResumePropertiesMvcTest extends MultiplexedResumePropertiesTest {
}
