package io.emporium.runner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dlq}: the dead-letter topics' records, listed and replayed. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"Dead letters: records a service failed to handle too often, which Spring Kafka moved to "
                + "<topic>.DLT with why they failed.",
                "`list` shows them; `replay` publishes chosen ones to their original topic again, once."},
        subcommands = {DlqListCommand.class, DlqReplayCommand.class})
final class DlqCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
