package dev.sseboot.autoconfigure;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test application on WebFlux and Reactor Netty instead of Spring MVC and Tomcat. Both stacks
 * are on the test classpath, where Boot picks the servlet one unless told otherwise, and where
 * Tomcat and Jetty could also serve WebFlux: they are ruled out, so the reactive runs are Reactor
 * Netty's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = {
        "spring.main.web-application-type=reactive",
        "spring.autoconfigure.exclude=" + WebFluxStack.EXCLUDES})
public @interface WebFluxStack {

    /** The other servers that could serve WebFlux. */
    String EXCLUDES = WebServers.TOMCAT_REACTIVE + "," + WebServers.JETTY_REACTIVE;
}
