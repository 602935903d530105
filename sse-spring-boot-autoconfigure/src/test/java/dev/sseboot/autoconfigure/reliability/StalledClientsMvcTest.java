package dev.sseboot.autoconfigure.reliability;

/** {@link StalledClientsTest} on Spring MVC and Tomcat. */
class StalledClientsMvcTest extends StalledClientsTest {
}
