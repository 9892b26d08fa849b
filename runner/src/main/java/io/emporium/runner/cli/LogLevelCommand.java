package io.emporium.runner.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.emporium.runner.Workspace;
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

    @CommandLine.Mixin
    CommandContext context;

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

    @CommandLine.Mixin
    AdminLogin admin;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        String wanted = wantedLevel();
        if (!LOGGER.matcher(logger).matches()) {
            throw new IllegalArgumentException("not a logger name: '" + logger + "' (e.g. io.emporium.orders or ROOT)");
        }
        Workspace home = context.workspace();
        InstanceTarget instances = new InstanceTarget(service, 0);
        instances.requireService(TopologyLoader.load(home.topologyFile()));
        Optional<ReadyInstances> ready = ReadyInstances.loggedIn(instances, home, admin, err);
        if (ready.isEmpty()) {
            return 1;
        }
        return ready.get().callEach(err, (actuator, instance) -> {
            ActuatorLoggers loggers = new ActuatorLoggers(actuator);
            if (level != null || reset) {
                loggers.set(instance.port(), logger, wanted);
            }
            out.println(instance.id() + " " + logger + " " + describe(loggers.get(instance.port(), logger)));
            out.flush();
        });
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
        String configured = levels.configuredLevel() == null ? "not set" : levels.configuredLevel();
        return levels.effectiveLevel() == null ? configured
                : configured + " (effective " + levels.effectiveLevel() + ")";
    }
}
