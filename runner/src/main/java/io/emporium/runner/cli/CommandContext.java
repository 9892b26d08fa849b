package io.emporium.runner.cli;

import java.io.PrintWriter;

import io.emporium.runner.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a command needs around it: the workspace (topology, state, logs), and the command line's standard output and
 * error. A picocli mixin named {@code context}; it adds no option ({@code @Command} only makes picocli take it as a
 * mixin).
 */
@Command
final class CommandContext {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The workspace whose topology, state and logs are used; the environment's when null (tests set it). */
    Workspace workspace;

    Workspace workspace() {
        return workspace != null ? workspace : Workspace.fromEnvironment();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
