package io.emporium.identity.throttle;

/**
 * The two places identity checks secrets, each behind its own throttle: the login form (passwords) and the
 * endpoints that authenticate OAuth clients (client secrets).
 */
public record GuessingGuards(GuessingGuard loginForm, GuessingGuard clientAuthentication) {
}
