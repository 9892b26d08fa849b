package io.emporium.runner.cli;

import java.io.PrintWriter;

import io.emporium.runner.topology.TopologyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code emporium} command and its subcommands. */
@Command(name = "emporium", mixinStandardHelpOptions = true, version = "emporium 0.1.0",
        description = "Runs the Emporium system on this machine from emporium.yaml: PostgreSQL, Kafka, Zipkin and "
                + "every service, health-gated and supervised (restarted when they crash or stop answering their "
                + "liveness check); scales services, kills instances and injects faults to test resilience; shows "
                + "their logs and changes log levels at runtime; lists and replays dead letters; gets users' access "
                + "tokens.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ScaleCommand.class,
                KillCommand.class, ChaosCommand.class, LogsCommand.class, LogLevelCommand.class, DlqCommand.class,
                TokenCommand.class, SuperviseCommand.class, CommandLine.HelpCommand.class})
public final class EmporiumCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with error handling: a problem a person can fix is one line on stderr, exit code 2. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new EmporiumCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (exception instanceof TopologyException || exception instanceof IllegalArgumentException) {
                err.println("emporium: " + exception.getMessage());
                err.flush();
                return 2;
            }
            err.println("emporium: " + exception);
            exception.printStackTrace(err);
            err.flush();
            return 1;
        });
        return commandLine;
    }
}
