package io.emporium.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.emporium.runner.supervision.RunOptions;
import picocli.CommandLine;

/** The options of {@code up} (only parsed: nothing is started) and how they reach the supervisor. */
class UpCommandTest {

    @Test
    void takesTheNumberOfInstancesPerServiceOncePerScale() {
        UpCommand command = new UpCommand();

        new CommandLine(command).parseArgs("--scale", "payments=2", "--scale", "catalog=3");

        assertThat(command.scale).containsExactly(entry("payments", 2), entry("catalog", 3));
    }

    @Test
    void handsTheScaleToTheSupervisor() {
        RunOptions options = new RunOptions(false, null, null, Set.of(), true, Map.of("payments", 2, "catalog", 3));
        SuperviseCommand command = new SuperviseCommand();

        new CommandLine(command).parseArgs(options.toArguments().toArray(String[]::new));

        assertThat(command.scale).containsOnly(entry("payments", 2), entry("catalog", 3));
    }

    @Test
    void refusesAScaleThatIsNotServiceEqualsANumber() {
        StringWriter err = new StringWriter();
        CommandLine line = EmporiumCommand.commandLine();
        line.setErr(new PrintWriter(err, true));

        assertThat(line.execute("up", "--scale", "payments=two")).isEqualTo(2);
        assertThat(line.execute("up", "--scale", "payments")).isEqualTo(2);

        assertThat(err.toString()).contains("Invalid value for option '--scale' (SERVICE=N): 'two' is not an int",
                "should be in KEY=VALUE format but was payments");
        assertThat(line.getSubcommands().get("up").getUsageMessage(CommandLine.Help.Ansi.OFF))
                .contains("--scale=SERVICE=N");
    }
}
