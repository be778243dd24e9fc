package io.cairn.identity.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throttling of password sign-in (and of password changes, which check the current password).
 *
 * @param maxFailures           failures for one username before it is locked
 * @param maxFailuresPerAddress failures from one client address before it is locked (higher: offices share one)
 * @param lockout               the first lockout; each further one lasts twice as long
 * @param maxLockout            the longest lockout
 * @param failureWindow         failures older than this (and a lockout history this long quiet) are forgotten
 */
@ConfigurationProperties("cairn.login")
public record LoginProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("30s") Duration lockout,
        @DefaultValue("15m") Duration maxLockout,
        @DefaultValue("15m") Duration failureWindow) {
}
