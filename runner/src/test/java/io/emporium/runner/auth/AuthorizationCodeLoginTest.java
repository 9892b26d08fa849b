package io.emporium.runner.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.emporium.runner.TestPorts;
import io.emporium.runner.auth.LoginFailedException.Reason;

class AuthorizationCodeLoginTest {

    private final FakeAuthorizationServer identity = FakeAuthorizationServer.start();
    private final AuthorizationCodeLogin login = AuthorizationCodeLogin.cli(identity.issuer());

    @AfterEach
    void stopIdentity() {
        identity.close();
    }

    @Test
    void logsInThroughTheFormAndRedeemsTheCodeWithItsVerifier() {
        Tokens tokens = login.login("alice", "alice-dev-only".toCharArray());

        assertThat(tokens.accessToken()).isEqualTo(identity.accessTokenOf("alice"));
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isEqualTo(Duration.ofSeconds(299));
        assertThat(tokens.scope()).isEqualTo("openid profile");
        assertThat(tokens.idToken()).isEqualTo("id-token-of-alice");
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken(), tokens.idToken());
        assertThat(identity.requests()).extracting(request -> request.replaceAll("\\?.*", "")).containsExactly(
                "GET /oauth2/authorize", "GET /login", "POST /login", "GET /oauth2/authorize", "POST /oauth2/token");
        assertThat(identity.requests().getFirst())
                .contains("response_type=code", "client_id=emporium-cli", "scope=openid%20profile",
                        "redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback", "code_challenge_method=S256");
        assertThat(String.join("\n", identity.requests())).doesNotContain("alice-dev-only");
    }

    @Test
    void keepsTheLoginsOfDifferentUsersApart() {
        identity.putCsrfValueFirst();

        assertThat(login.login("bob", "bob-dev-only".toCharArray()).accessToken())
                .isEqualTo(identity.accessTokenOf("bob"));
        assertThat(login.login("admin", "admin-dev-only".toCharArray()).accessToken())
                .isEqualTo(identity.accessTokenOf("admin"));
    }

    @Test
    void saysSoWhenThePasswordIsWrong() {
        assertLoginFails(login, "guess", Reason.BAD_CREDENTIALS)
                .hasMessage("login failed for user alice: wrong user name or password");
        assertNoCodeWasRedeemed();
    }

    @Test
    void saysHowLongToWaitWhenIdentityThrottlesTheLogin() {
        identity.throttleLogins("8");

        assertLoginFails(login, "alice-dev-only", Reason.THROTTLED)
                .hasMessage("identity throttled logins for alice from this address: retry in 8 s");
        assertNoCodeWasRedeemed();
    }

    @Test
    void saysToRetryLaterWhenTheThrottledAnswerGivesNoSeconds() {
        identity.throttleLogins("Wed, 21 Oct 2026 07:28:00 GMT");

        assertThatThrownBy(() -> login.login("alice", "alice-dev-only".toCharArray()))
                .isInstanceOf(LoginFailedException.class)
                .hasMessage("identity throttled logins for alice from this address: retry later");
    }

    @Test
    void refusesAnAuthorizationResponseWithAnotherState() {
        identity.answerWithState("forged");

        assertLoginFails(login, "alice-dev-only", Reason.UNEXPECTED_RESPONSE)
                .hasMessageContaining("another state than this login sent");
        assertNoCodeWasRedeemed();
    }

    @Test
    void saysWhenTheClientOrRedirectUriIsNotRegistered() {
        AuthorizationCodeLogin unknown = AuthorizationCodeLogin.of(identity.issuer(), "nobody",
                AuthorizationCodeLogin.CLI_REDIRECT_URI);

        assertLoginFails(unknown, "alice-dev-only", Reason.REFUSED)
                .hasMessageStartingWith("identity rejected the authorization request (HTTP 400): is client nobody "
                        + "registered");
    }

    @Test
    void saysThatIdentityIsNotRunningWhenNothingAnswers() {
        URI nowhere = URI.create("http://127.0.0.1:" + TestPorts.free());

        assertLoginFails(AuthorizationCodeLogin.cli(nowhere), "alice-dev-only", Reason.UNREACHABLE)
                .hasMessage("identity is not running at " + nowhere + "; start the system with ./emporium up");
    }

    @Test
    void acceptsOnlyAnHttpIssuer() {
        assertThatThrownBy(() -> AuthorizationCodeLogin.cli(URI.create("localhost:9000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an http(s) URL");
        assertThat(AuthorizationCodeLogin.cli(URI.create("http://localhost:9000/")).issuer())
                .isEqualTo(AuthorizationCodeLogin.LOCAL_ISSUER);
    }

    /** Asserts that logging in as alice with that password fails for that reason; returns the failure's assert. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertLoginFails(AuthorizationCodeLogin login,
            String password, Reason reason) {
        return assertThatThrownBy(() -> login.login("alice", password.toCharArray()))
                .isInstanceOfSatisfying(LoginFailedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private void assertNoCodeWasRedeemed() {
        assertThat(identity.requests()).noneMatch(request -> request.startsWith("POST /oauth2/token"));
    }
}
