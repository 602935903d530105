package dev.sseboot.autoconfigure.reliability;

/** {@link AddressCapTest} on Spring MVC and Tomcat. */
class AddressCapMvcTest extends AddressCapTest {
}
