/**
 * Getting a user's access token from the identity service the way a native app does (RFC 8252): the OAuth 2.0
 * authorization code grant with PKCE (RFC 7636, S256) for a public client, its login form filled in over plain HTTP.
 * {@link io.emporium.runner.auth.AuthorizationCodeLogin} is used by {@code ./emporium token} and by the system tests.
 */
package io.emporium.runner.auth;
