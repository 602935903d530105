package dev.sseboot.autoconfigure.it;

/** {@link ShutdownTest} on Spring MVC and Tomcat. */
class ShutdownMvcTest extends ShutdownTest {

    @Override
    String[] stack() {
        return new String[0];
    }
}
