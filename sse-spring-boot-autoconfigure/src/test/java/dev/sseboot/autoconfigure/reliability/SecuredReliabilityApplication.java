package dev.sseboot.autoconfigure.reliability;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * An application whose public streams are open to everybody while the rest needs HTTP basic: the
 * starter alone must keep private user channels private, for anonymous clients too. The same rules
 * on each web stack: Spring Security's {@code HttpSecurity} on Spring MVC, {@code ServerHttpSecurity}
 * on WebFlux.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({SecuredReliabilityApplication.Servlet.class, SecuredReliabilityApplication.Reactive.class})
public class SecuredReliabilityApplication {

    static final UserDetails ALICE = User.withUsername("alice").password("{noop}alice-pw").roles("USER").build();
    static final UserDetails BOB = User.withUsername("bob").password("{noop}bob-pw").roles("USER").build();

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Servlet {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            return http
                    .authorizeHttpRequests(requests -> requests
                            // Errors of public requests (a 400, a 405) must not turn into a 401. The
                            // application's own streams and a plain page are public for TokenTestApplication.
                            .requestMatchers("/events/**", "/orders/**", "/hello", "/error").permitAll()
                            .anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(ALICE, BOB);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Reactive {

        @Bean
        SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
            return http
                    .authorizeExchange(exchanges -> exchanges
                            .pathMatchers("/events/**", "/orders/**", "/hello").permitAll()
                            .anyExchange().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }

        @Bean
        MapReactiveUserDetailsService users() {
            return new MapReactiveUserDetailsService(ALICE, BOB);
        }
    }
}
