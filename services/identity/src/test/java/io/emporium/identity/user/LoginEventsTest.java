package io.emporium.identity.user;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

class LoginEventsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LoginEvents events = new LoginEvents(meters);

    @Test
    void countsFailedAndSuccessfulSignInsWithAPassword() {
        events.failed(new AuthenticationFailureBadCredentialsEvent(
                UsernamePasswordAuthenticationToken.unauthenticated("bob", "typed-password"),
                new BadCredentialsException("Bad credentials")));
        events.succeeded(new AuthenticationSuccessEvent(UsernamePasswordAuthenticationToken.authenticated("bob", null,
                AuthorityUtils.createAuthorityList("ROLE_CUSTOMER"))));

        assertThat(count("failure")).isOne();
        assertThat(count("success")).isOne();
        assertThat(meters.get("emporium.security.events").tag("type", "authentication-failure")
                .tag("reason", "bad-credentials").counter().count()).isOne();
    }

    @Test
    void otherAuthenticationsAreNotSignIns() {
        events.failed(new AuthenticationFailureBadCredentialsEvent(
                new OAuth2ClientAuthenticationToken("orders-service", ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                        "wrong", null),
                new BadCredentialsException("Bad credentials")));

        assertThat(count("failure")).isZero();
    }

    @Test
    void typedNamesAreMadeSafeForALogLine() {
        assertThat(LoginEvents.printable("alice\nWARN forged line")).isEqualTo("alice?WARN forged line");
        assertThat(LoginEvents.printable("x".repeat(100))).hasSize(67).endsWith("...");
    }

    private double count(String outcome) {
        return meters.get(LoginEvents.METER).tag("outcome", outcome).counter().count();
    }
}
