package io.emporium.runner.cli;

import java.io.Console;
import java.util.Arrays;

import io.emporium.runner.auth.AuthorizationCodeLogin;
import io.emporium.runner.auth.DemoUsers;
import io.emporium.runner.auth.LoginFailedException;
import io.emporium.runner.auth.Tokens;

/**
 * How a command logs a user in at identity: with the password given on the command line, else the DEV ONLY demo
 * password of a demo user, else the one typed at the terminal's no-echo prompt. Shared by {@code token} and
 * {@code loglevel}.
 */
final class UserLogin {

    /** The tokens of a login, and whether the demo password was used (worth telling the user). */
    record LoggedIn(Tokens tokens, boolean demoPassword) {
    }

    private UserLogin() {
    }

    /**
     * Logs {@code user} in. The password array, whichever it was, is cleared afterwards.
     *
     * @param password the password given, or {@code null} to use the demo password or ask for one
     * @throws LoginFailedException     when identity issued no token (its message is one line for a person)
     * @throws IllegalArgumentException when no password was given and none can be asked for (no terminal)
     */
    static LoggedIn login(AuthorizationCodeLogin login, String user, char[] password) {
        boolean demo = password == null && DemoUsers.password(user).isPresent();
        char[] secret = password != null ? password
                : DemoUsers.password(user).orElseGet(() -> askPassword(user, login));
        try {
            return new LoggedIn(login.login(user, secret), demo);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** {@code for alice (DEV ONLY demo password) at http://localhost:9000}, for messages on standard error. */
    static String describe(String user, LoggedIn loggedIn, AuthorizationCodeLogin login) {
        return user + (loggedIn.demoPassword() ? " (DEV ONLY demo password)" : "") + " at " + login.issuer();
    }

    private static char[] askPassword(String user, AuthorizationCodeLogin login) {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no password for user " + user + ": pass --password, or run this in a "
                    + "terminal to be asked (only " + String.join(", ", DemoUsers.NAMES)
                    + " have a DEV ONLY demo password)");
        }
        char[] typed = console.readPassword("Password of %s at %s: ", user, login.issuer());
        if (typed == null) {
            throw new IllegalArgumentException("no password for user " + user + ": the terminal was closed");
        }
        return typed;
    }
}
