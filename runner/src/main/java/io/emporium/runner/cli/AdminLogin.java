package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.util.Optional;

import io.emporium.runner.auth.AuthorizationCodeLogin;
import io.emporium.runner.auth.LoginFailedException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options and the login of commands that call admin-only actuator endpoints ({@code loglevel}, {@code chaos}):
 * an administrator's access token from identity, as for {@code ./emporium token}. A picocli mixin.
 */
final class AdminLogin {

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "admin",
            description = "An administrator of identity (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "The user's password. Default: the DEV ONLY demo password of admin, else asked on the "
                    + "terminal.")
    char[] password;

    @Mixin
    IssuerOption identity;

    /**
     * Logs the user in and says as whom on {@code err}; empty, after saying why on {@code err}, when identity issued
     * no token.
     *
     * @throws IllegalArgumentException when no password was given and none can be asked for
     */
    Optional<String> accessToken(PrintWriter err) {
        AuthorizationCodeLogin login = AuthorizationCodeLogin.cli(identity.issuer);
        try {
            UserLogin.LoggedIn loggedIn = UserLogin.login(login, user, password);
            err.println("as " + UserLogin.describe(user, loggedIn, login));
            err.flush();
            return Optional.of(loggedIn.tokens().accessToken());
        } catch (LoginFailedException e) {
            Problem.report(err, e.getMessage());
            return Optional.empty();
        }
    }

    /** The message for an instance that refused the token. */
    String refused(String instance, Actuator.TokenRefused refusal) {
        return instance + ": the token was refused (HTTP " + refusal.status + "): is " + user + " an admin?";
    }
}
