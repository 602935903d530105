package dev.sseboot.autoconfigure;

/**
 * The web servers' auto-configurations on the test classpath, which holds Tomcat, Jetty and
 * Reactor Netty. Boot takes the first factory it finds, so each stack rules the others out
 * ({@code src/test/resources/application.properties} for the default, Spring MVC on Tomcat;
 * {@link JettyStack}; {@link WebFluxStack}).
 */
public final class WebServers {

    public static final String TOMCAT_SERVLET =
            "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration";
    public static final String TOMCAT_REACTIVE =
            "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";
    public static final String JETTY_SERVLET =
            "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration";
    public static final String JETTY_REACTIVE =
            "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration";

    /** What a test that names no stack excludes: Spring MVC runs on Tomcat, WebFlux on Reactor Netty. */
    public static final String DEFAULT_EXCLUDES = JETTY_SERVLET + "," + JETTY_REACTIVE + "," + TOMCAT_REACTIVE;

    private WebServers() {
    }
}
