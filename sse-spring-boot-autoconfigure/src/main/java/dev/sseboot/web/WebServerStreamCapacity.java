package dev.sseboot.web;

import dev.sseboot.web.StreamCapacity.ConnectionLimit;
import dev.sseboot.web.tomcat.LeanHttp11Protocol;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.jetty.autoconfigure.JettyServerProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The {@link StreamCapacity} of the web server an application runs: which one its
 * {@link WebServerFactory} makes, and that server's connection limit from Boot's properties
 * ({@code server.tomcat.max-connections}, 8,192 by default; {@code server.jetty.max-connections},
 * none by default; Reactor Netty has none). A web server of which nothing is measured is costed as
 * the most expensive one measured, Tomcat.
 */
public final class WebServerStreamCapacity {

    private static final ClassLoader CLASS_LOADER = WebServerStreamCapacity.class.getClassLoader();
    private static final boolean TOMCAT = ClassUtils.isPresent(
            "org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties", CLASS_LOADER);
    private static final boolean JETTY = ClassUtils.isPresent(
            "org.springframework.boot.jetty.autoconfigure.JettyServerProperties", CLASS_LOADER);
    private static final boolean REACTOR_NETTY = ClassUtils.isPresent(
            "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory", CLASS_LOADER);

    private WebServerStreamCapacity() {
    }

    public static StreamCapacity of(WebServerFactory factory, Environment environment, long maxHeapBytes) {
        if (TOMCAT && Tomcat.serves(factory)) {
            return new StreamCapacity(Tomcat.footprint(factory), maxHeapBytes, Tomcat.connectionLimit(environment));
        }
        if (JETTY && Jetty.serves(factory)) {
            return new StreamCapacity(StreamFootprint.JETTY, maxHeapBytes, Jetty.connectionLimit(environment));
        }
        if (REACTOR_NETTY && ReactorNetty.serves(factory)) {
            return new StreamCapacity(StreamFootprint.REACTOR_NETTY, maxHeapBytes, null);
        }
        return new StreamCapacity(StreamFootprint.TOMCAT, maxHeapBytes, null);
    }

    /** Loaded only when Tomcat is on the classpath. */
    private static final class Tomcat {

        static boolean serves(WebServerFactory factory) {
            return factory instanceof TomcatWebServerFactory;
        }

        /** Lean only with all of the lean connector: its protocol is what saves the most. */
        static StreamFootprint footprint(WebServerFactory factory) {
            return LeanHttp11Protocol.class.getName().equals(((TomcatWebServerFactory) factory).getProtocol())
                    ? StreamFootprint.TOMCAT_LEAN : StreamFootprint.TOMCAT;
        }

        static @Nullable ConnectionLimit connectionLimit(Environment environment) {
            int connections = Binder.get(environment).bindOrCreate("server.tomcat", TomcatServerProperties.class)
                    .getMaxConnections();
            return connections > 0 ? new ConnectionLimit(connections, "server.tomcat.max-connections") : null;
        }
    }

    /** Loaded only when Jetty is on the classpath. */
    private static final class Jetty {

        static boolean serves(WebServerFactory factory) {
            return factory instanceof JettyWebServerFactory;
        }

        static @Nullable ConnectionLimit connectionLimit(Environment environment) {
            int connections = Binder.get(environment).bindOrCreate("server.jetty", JettyServerProperties.class)
                    .getMaxConnections();
            return connections > 0 ? new ConnectionLimit(connections, "server.jetty.max-connections") : null;
        }
    }

    /** Loaded only when Reactor Netty is on the classpath. */
    private static final class ReactorNetty {

        static boolean serves(WebServerFactory factory) {
            return factory instanceof NettyReactiveWebServerFactory;
        }
    }
}
