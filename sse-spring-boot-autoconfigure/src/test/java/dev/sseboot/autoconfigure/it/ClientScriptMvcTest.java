package dev.sseboot.autoconfigure.it;

/** {@link ClientScriptTest} on Spring MVC and Tomcat. */
class ClientScriptMvcTest extends ClientScriptTest {
}
