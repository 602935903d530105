package dev.sseboot.autoconfigure.reliability;

/** {@link BrokerOutageTest} on Spring MVC and Tomcat. */
class BrokerOutageMvcTest extends BrokerOutageTest {
}
