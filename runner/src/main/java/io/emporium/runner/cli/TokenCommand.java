package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.emporium.runner.auth.AuthorizationCodeLogin;
import io.emporium.runner.auth.LoginFailedException;
import io.emporium.runner.auth.Tokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code token}: a user's access token from the identity service, as the last line of standard output. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Logs a user in at the identity service (OAuth 2.0 authorization code with PKCE, as the public "
                + "client emporium-cli) and prints the access token as the last line of standard output; anything "
                + "else goes to standard error. For example:",
                "  TOKEN=$(./emporium token --user alice)",
                "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/...",
                "Without --password, the demo users alice, bob and admin log in with their DEV ONLY demo passwords "
                        + "(<user>-dev-only, which identity seeds only in the local system); for any other user the "
                        + "password is asked on the terminal, without echo."})
final class TokenCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommandContext context;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER",
            description = "Who logs in, e.g. alice, bob (customers) or admin.")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "The user's password (other users of this machine can see it in the process list; the "
                    + "terminal prompt is safer). Default: the DEV ONLY demo password of alice, bob and admin, "
                    + "else asked on the terminal.")
    char[] password;

    @CommandLine.Mixin
    IssuerOption identity;

    @Option(names = "--client", paramLabel = "CLIENT_ID", defaultValue = AuthorizationCodeLogin.CLI_CLIENT_ID,
            description = {"A public client registered with the redirect URI", "http://127.0.0.1/callback "
                    + "(default: ${DEFAULT-VALUE})."})
    String client;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        AuthorizationCodeLogin login =
                AuthorizationCodeLogin.of(identity.issuer, client, AuthorizationCodeLogin.CLI_REDIRECT_URI);
        try {
            UserLogin.LoggedIn loggedIn = UserLogin.login(login, user, password);
            Tokens tokens = loggedIn.tokens();
            err.printf("token for %s, scope %s, expires in %d s%n", UserLogin.describe(user, loggedIn, login),
                    tokens.scope(), tokens.expiresIn().toSeconds());
            err.flush();
            out.println(tokens.accessToken());
            out.flush();
            return 0;
        } catch (LoginFailedException e) {
            return Problem.report(err, e.getMessage());
        }
    }
}
