package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.emporium.runner.TestPorts;
import io.emporium.runner.auth.FakeAuthorizationServer;
import picocli.CommandLine;

class TokenCommandTest {

    private final FakeAuthorizationServer identity = FakeAuthorizationServer.start();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stopIdentity() {
        identity.close();
    }

    @Test
    void printsTheAccessTokenOfADemoUserAsTheLastLineOfStandardOutput() {
        int exit = run("token", "--user", "alice", "--issuer", identity.issuer().toString());

        assertThat(exit).isZero();
        assertThat(out.toString().lines().toList()).last().isEqualTo(identity.accessTokenOf("alice"));
        assertThat(err.toString()).contains("token for alice (DEV ONLY demo password)", "expires in 299 s")
                .doesNotContain("alice-dev-only", identity.accessTokenOf("alice"));
    }

    @Test
    void usesTheGivenPassword() {
        int exit = run("token", "-u", "bob", "-p", "bob-dev-only", "--issuer", identity.issuer().toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(identity.accessTokenOf("bob") + System.lineSeparator());
    }

    @Test
    void failsInOneLineWithoutATokenWhenThePasswordIsWrong() {
        int exit = run("token", "-u", "alice", "-p", "nope", "--issuer", identity.issuer().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList())
                .containsExactly("emporium: login failed for user alice: wrong user name or password");
    }

    @Test
    void failsInOneLineWithTheWaitWhenIdentityThrottlesTheLogin() {
        identity.throttleLogins("8");

        int exit = run("token", "-u", "alice", "--issuer", identity.issuer().toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList())
                .containsExactly("emporium: identity throttled logins for alice from this address: retry in 8 s");
    }

    @Test
    void failsInOneLineWhenIdentityIsNotRunning() {
        String nowhere = "http://127.0.0.1:" + TestPorts.free();

        int exit = run("token", "--user", "alice", "--issuer", nowhere);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines().toList()).containsExactly(
                "emporium: identity is not running at " + nowhere + "; start the system with ./emporium up");
    }

    @Test
    void failsInOneLineForAnIssuerThatIsNoUrl() {
        int exit = run("token", "--user", "alice", "--issuer", "localhost:9000");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1).first().asString()
                .startsWith("emporium: the issuer must be an http(s) URL");
    }

    @Test
    void documentsTheDemoPasswordsAndTheDefaults() {
        CommandLine line = EmporiumCommand.commandLine();
        String usage = line.getSubcommands().get("token").getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(usage).contains("Usage: emporium token", "--user=USER", "DEV ONLY", "<user>-dev-only",
                "http://localhost:9000", "(default: emporium-cli)");
        assertThat(List.of(line.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\n")))
                .anyMatch(entry -> entry.strip().startsWith("token"));
    }

    private int run(String... args) {
        CommandLine line = EmporiumCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }
}
