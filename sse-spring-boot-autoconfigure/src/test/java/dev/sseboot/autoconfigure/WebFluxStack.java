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
 * Tomcat could also serve WebFlux: that is ruled out, so the reactive runs are Reactor Netty's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestPropertySource(properties = {
        "spring.main.web-application-type=reactive",
        "spring.autoconfigure.exclude=" + WebFluxStack.TOMCAT_REACTIVE})
public @interface WebFluxStack {

    String TOMCAT_REACTIVE = "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";
}
