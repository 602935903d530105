package dev.sseboot.autoconfigure;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Runs a test application on Spring MVC and Jetty instead of Tomcat. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = {
        "spring.main.web-application-type=servlet",
        "spring.autoconfigure.exclude=" + JettyStack.EXCLUDES})
public @interface JettyStack {

    /** Tomcat, which would otherwise serve Spring MVC. */
    String EXCLUDES = WebServers.TOMCAT_SERVLET;
}
