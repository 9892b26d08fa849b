package io.emporium.identity.throttle;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The guards against guessing (docs/security.md): {@code POST /login} keyed by the typed user name, and the endpoints
 * where clients authenticate with a secret (token, introspection, revocation) keyed by the client id, both by client
 * address. Their counts are kept in memory, per instance ({@link ThrottleProperties}).
 */
@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {

    static final String LOGIN_PATH = "/login";
    static final String USERNAME_PARAMETER = "username";

    @Bean
    GuessingGuards guessingGuards(ThrottleProperties properties, AuthorizationServerSettings settings,
            MeterRegistry meters) {
        ClientAddresses addresses = new ClientAddresses(properties.trustedProxies());
        ThrottleEvents events = new ThrottleEvents(meters);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        GuessingGuard login = new GuessingGuard(
                new GuessingThrottle(Endpoint.LOGIN, properties, events, Ticker.systemTicker()), addresses,
                paths.matcher(HttpMethod.POST, LOGIN_PATH), request -> request.getParameter(USERNAME_PARAMETER),
                TooManyAttempts.atLoginForm());
        RequestMatcher clientEndpoints = new OrRequestMatcher(List.of(
                paths.matcher(HttpMethod.POST, settings.getTokenEndpoint()),
                paths.matcher(HttpMethod.POST, settings.getTokenIntrospectionEndpoint()),
                paths.matcher(HttpMethod.POST, settings.getTokenRevocationEndpoint())));
        GuessingGuard clients = new GuessingGuard(
                new GuessingThrottle(Endpoint.TOKEN, properties, events, Ticker.systemTicker()), addresses,
                clientEndpoints, ThrottleConfiguration::clientId, TooManyAttempts.atTokenEndpoint());
        return new GuessingGuards(login, clients);
    }

    /**
     * The client id a request authenticates as: the user part of {@code Authorization: Basic} (RFC 6749 section 2.3.1,
     * form-encoded), else the {@code client_id} parameter; {@code null} when it names none or cannot be read.
     */
    static @Nullable String clientId(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return URLDecoder.decode(colon < 0 ? credentials : credentials.substring(0, colon),
                        StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
        }
        return request.getParameter(OAuth2ParameterNames.CLIENT_ID);
    }
}
