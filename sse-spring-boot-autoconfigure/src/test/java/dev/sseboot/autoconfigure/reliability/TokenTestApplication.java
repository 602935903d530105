package dev.sseboot.autoconfigure.reliability;

import dev.sseboot.autoconfigure.it.StreamTestApplication;
import dev.sseboot.token.SseTokens;
import dev.sseboot.token.StreamTokenAccessLog;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.CommonsRequestLoggingFilter;

import java.security.Principal;
import java.util.List;

/**
 * An application that hands stream tokens to its signed-in users (HTTP basic stands in for a login
 * session) and serves streams to anonymous requests that carry one: the built-in endpoint, its own
 * order streams, and a plain controller, all public under {@link SecuredReliabilityApplication}'s
 * security rules. Every request logger Spring offers is on, so that a test can look for the token in
 * all of them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({TokenTestApplication.Pages.class, TokenTestApplication.Servlet.class, TokenTestApplication.Reactive.class,
        SecuredReliabilityApplication.Servlet.class, SecuredReliabilityApplication.Reactive.class,
        StreamTestApplication.OrderEventsController.class, StreamTestApplication.ReactiveOrderEventsController.class})
public class TokenTestApplication {

    /** The page side, the same on both stacks. */
    @RestController
    static class Pages {

        private final SseTokens tokens;

        Pages(SseTokens tokens) {
            this.tokens = tokens;
        }

        @GetMapping("/stream-token")
        String streamToken(Principal principal, @RequestParam List<String> channel) {
            return tokens.mint(principal.getName(), channel);
        }

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Servlet {

        @Bean
        CommonsRequestLoggingFilter requestLoggingFilter() {
            CommonsRequestLoggingFilter filter = new CommonsRequestLoggingFilter();
            filter.setIncludeQueryString(true);
            filter.setIncludeHeaders(true);
            filter.setIncludeClientInfo(true);
            return filter;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Reactive {

        /** Reactor Netty's access log, which writes every request line as the client sent it, in the format that omits the token. */
        @Bean
        NettyServerCustomizer accessLog() {
            return server -> server.accessLog(true, StreamTokenAccessLog.FACTORY);
        }
    }
}
