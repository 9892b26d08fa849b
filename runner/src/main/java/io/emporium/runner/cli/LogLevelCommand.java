package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.emporium.runner.Workspace;
import io.emporium.runner.auth.AuthorizationCodeLogin;
import io.emporium.runner.auth.LoginFailedException;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.SystemControl;
import io.emporium.runner.supervision.SystemState;
import io.emporium.runner.topology.ServiceSpec;
import io.emporium.runner.topology.Topology;
import io.emporium.runner.topology.TopologyLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loglevel}: a logger's level in every running instance of a service, read or changed at runtime. */
@Command(name = "loglevel", mixinStandardHelpOptions = true,
        description = {"Shows or changes the level of a logger in every running instance of a service at once, "
                + "without a restart, through each instance's /actuator/loggers (which needs an admin's access token):",
                "  ./emporium loglevel orders io.emporium.orders DEBUG",
                "  ./emporium loglevel orders io.emporium.orders --reset   # as configured",
                "  ./emporium loglevel orders io.emporium.orders           # show it",
                "A change lasts until the instance restarts. The token comes from identity as for ./emporium token: "
                        + "--user (default admin) with its DEV ONLY demo password, or --password, or asked on the "
                        + "terminal."})
final class LogLevelCommand implements Callable<Integer> {

    /** What {@code /actuator/loggers} accepts (and the platform's loggers know). */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private static final Pattern LOGGER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.-]*");

    @Parameters(index = "0", paramLabel = "SERVICE", description = "A service of emporium.yaml, e.g. orders.")
    String service;

    @Parameters(index = "1", paramLabel = "LOGGER",
            description = {"A logger: a package or class such as", "io.emporium.orders, or ROOT."})
    String logger;

    @Parameters(index = "2", arity = "0..1", paramLabel = "LEVEL",
            description = "TRACE, DEBUG, INFO, WARN, ERROR or OFF. Without it (and without --reset), the current "
                    + "level of each instance is shown.")
    String level;

    @Option(names = "--reset", description = "Back to the level the service is configured with.")
    boolean reset;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = "admin",
            description = "An administrator of identity (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "The user's password. Default: the DEV ONLY demo password of admin, else asked on the "
                    + "terminal.")
    char[] password;

    @Option(names = "--issuer", paramLabel = "URL",
            defaultValue = "${env:EMPORIUM_SECURITY_ISSUER_URI:-http://localhost:9000}",
            description = {"The identity service (default:", "$EMPORIUM_SECURITY_ISSUER_URI, else",
                    "http://localhost:9000)."})
    URI issuer;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The workspace whose topology and state are used; the environment's when null (tests set it). */
    Workspace workspace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String wanted = wantedLevel();
        if (!LOGGER.matcher(logger).matches()) {
            throw new IllegalArgumentException("not a logger name: '" + logger + "' (e.g. io.emporium.orders or ROOT)");
        }
        Workspace home = workspace != null ? workspace : Workspace.fromEnvironment();
        Topology topology = TopologyLoader.load(home.topologyFile());
        if (topology.service(service).isEmpty()) {
            throw new IllegalArgumentException("unknown service '" + service + "' (services: "
                    + String.join(", ", topology.services().stream().map(ServiceSpec::name).toList()) + ")");
        }
        SystemControl control = new SystemControl(home);
        Optional<SystemState> state = control.supervisorPid().isPresent() ? control.state() : Optional.empty();
        if (state.isEmpty()) {
            return fail(err, "Emporium is not running; start it with ./emporium up");
        }
        List<PartStatus> instances = state.get().parts().stream()
                .filter(part -> part.name().equals(service))
                .sorted(Comparator.comparingInt(PartStatus::instance))
                .toList();
        List<PartStatus> running = instances.stream()
                .filter(part -> part.status() == Status.READY && part.port() > 0)
                .toList();
        if (running.isEmpty()) {
            return fail(err, service + " is not running" + (instances.isEmpty() ? " (not started by ./emporium up)"
                    : " (" + String.join(", ", instances.stream()
                    .map(part -> part.id() + " " + part.status().label()).toList()) + ")"));
        }

        AuthorizationCodeLogin login = AuthorizationCodeLogin.cli(issuer);
        UserLogin.LoggedIn loggedIn;
        try {
            loggedIn = UserLogin.login(login, user, password);
        } catch (LoginFailedException e) {
            return fail(err, e.getMessage());
        }
        err.println("as " + UserLogin.describe(user, loggedIn, login));
        err.flush();

        boolean failed = false;
        for (PartStatus instance : instances) {
            if (!running.contains(instance)) {
                err.println("emporium: " + instance.id() + " skipped: " + instance.status().label());
                failed = true;
            }
        }
        try (ActuatorLoggers loggers = new ActuatorLoggers(loggedIn.tokens().accessToken())) {
            for (PartStatus instance : running) {
                try {
                    if (level != null || reset) {
                        loggers.set(instance.port(), logger, wanted);
                    }
                    out.println(instance.id() + " " + logger + " " + describe(loggers.get(instance.port(), logger)));
                    out.flush();
                } catch (ActuatorLoggers.TokenRefused e) {
                    return fail(err, instance.id() + ": the token was refused (HTTP " + e.status + "): is " + user
                            + " an admin?");
                } catch (ActuatorLoggers.CallFailed e) {
                    err.println("emporium: " + instance.id() + " " + e.getMessage());
                    err.flush();
                    failed = true;
                }
            }
        }
        return failed ? 1 : 0;
    }

    /** The level to set, upper-case; {@code null} to reset or only read. Checked before anything is called. */
    private String wantedLevel() {
        if (level != null && reset) {
            throw new IllegalArgumentException("give a LEVEL or --reset, not both");
        }
        if (level == null) {
            return null;
        }
        String upper = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException("not a log level: '" + level + "' (one of "
                    + String.join(", ", LEVELS) + ")");
        }
        return upper;
    }

    /** {@code DEBUG (effective DEBUG)}, {@code not set (effective INFO)}. */
    private static String describe(ActuatorLoggers.Levels levels) {
        String configured = levels.configured() == null ? "not set" : levels.configured();
        return levels.effective() == null ? configured : configured + " (effective " + levels.effective() + ")";
    }

    private static int fail(PrintWriter err, String message) {
        err.println("emporium: " + message);
        err.flush();
        return 1;
    }
}
