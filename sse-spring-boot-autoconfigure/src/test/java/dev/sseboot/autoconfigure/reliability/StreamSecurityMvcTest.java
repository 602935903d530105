package dev.sseboot.autoconfigure.reliability;

/** {@link StreamSecurityTest} on Spring MVC, Tomcat and HttpSecurity. */
class StreamSecurityMvcTest extends StreamSecurityTest {
}
