package dev.sseboot.autoconfigure.reliability;

/** {@link DisconnectDetectionTest} on Spring MVC and Tomcat: the hub's probe finds the clients. */
class DisconnectDetectionMvcTest extends DisconnectDetectionTest {

    @Override
    String stack() {
        return "tomcat";
    }
}
