package io.emporium.identity.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * What Spring Authorization Server's {@code OAuth2ClientAuthenticationFilter} does after checking a client, written
 * out because setting a handler replaces its private default (the throttle wraps these to count the outcome): a
 * success becomes the request's security context; a failure is 401 for {@code invalid_client}, 400 otherwise, with
 * the OAuth 2.0 error code alone (no description that could tell a guesser more).
 */
final class ClientAuthenticationOutcomes {

    private static final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

    private ClientAuthenticationOutcomes() {
    }

    static AuthenticationSuccessHandler success() {
        return (request, response, client) -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(client);
            SecurityContextHolder.setContext(context);
        };
    }

    static AuthenticationFailureHandler failure() {
        return (request, response, failure) -> {
            SecurityContextHolder.clearContext();
            OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                    : new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
            ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
            answer.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) ? HttpStatus.UNAUTHORIZED
                    : HttpStatus.BAD_REQUEST);
            errors.write(new OAuth2Error(error.getErrorCode()), null, answer);
        };
    }
}
