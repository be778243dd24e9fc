package io.cairn.identity;

import io.cairn.common.web.Problems;
import io.cairn.identity.login.LocalUsers;
import io.cairn.identity.login.LoginPage;
import io.cairn.identity.login.LoginThrottle;
import io.cairn.identity.login.ThrottledAuthenticationProvider;
import io.cairn.identity.login.ThrottledAuthenticationProvider.LoginThrottledException;
import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The security filter chains below the authorization server's own ({@code AuthorizationServerConfig}, order 1):
 * <ol start="2">
 *   <li>{@code /login}, {@code /logout}: the embedded provider's sign-in form, with a session and CSRF tokens;</li>
 *   <li>everything else: {@code /api/**} and {@code /ajax-api/**} (MLflow's UI prefix) need a bearer credential (personal access token or JWT) and is stateless
 *       — no sessions, no cookies, hence no CSRF tokens; health, metrics for scraping, the OpenAPI document and the
 *       web UI are open.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** Argon2id for new hashes; BCrypt (cost 12) is still understood, and upgraded on the next sign-in. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder(12)));
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http, LocalUsers users, PasswordEncoder passwords, LoginThrottle throttle)
            throws Exception {
        DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider(users);
        checkPassword.setPasswordEncoder(passwords);
        checkPassword.setUserDetailsPasswordService(users);
        http.securityMatcher("/login", "/logout")
                .authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(checkPassword, throttle)))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .formLogin(form -> form
                        .loginPage("/login")
                        .failureHandler((request, response, e) -> {
                            if (e instanceof LoginThrottledException throttled) {
                                long seconds = Math.max(1, throttled.retryAfter().toSeconds());
                                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                                LoginPage.write(request, response, HttpStatus.TOO_MANY_REQUESTS.value(),
                                        "Too many failed sign-ins. Try again in " + seconds + " seconds.", true,
                                        request.getParameter("username"));
                            } else {
                                response.sendRedirect(request.getContextPath() + "/login?error");
                            }
                        }))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    /**
     * No Micrometer observation around each of the security filters and the authorization decision: they cost a
     * seventh of the CPU time of a scoring request and nothing reads them (HTTP server metrics stay on).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, BearerAuthentication bearer, Problems problems)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new AccessTokenFilter(bearer, problems),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // streamed responses finish in an async dispatch of an already authorized request
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        // Cairn's API, the MLflow-compatible API (/api/2.0/mlflow, /api/2.0/mlflow-artifacts) and the
                        // same under MLflow's UI prefix /ajax-api
                        .requestMatchers("/api/**", "/ajax-api/**").authenticated()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED,
                                    "Authentication required: send 'Authorization: Bearer <access token>'");
                        })
                        .accessDeniedHandler((request, response, ex) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, ex.getMessage())));
        return http.build();
    }
}
