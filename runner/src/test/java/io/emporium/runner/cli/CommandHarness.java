package io.emporium.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.emporium.runner.Workspace;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.Status;
import io.emporium.runner.supervision.Phase;
import io.emporium.runner.supervision.RunLock;
import io.emporium.runner.supervision.StateFile;
import io.emporium.runner.supervision.SystemState;
import picocli.CommandLine;

/**
 * A running Emporium as the commands that address it see one, for a test: a workspace with an emporium.yaml, the
 * test as its supervisor (holding the run lock) writing the state file, and {@code ./emporium} run in it with its
 * standard output and error kept. {@link #close()} releases the run lock.
 */
final class CommandHarness implements AutoCloseable {

    private static final String INFRASTRUCTURE = """
            infrastructure:
              postgres: { port: 15433 }
              kafka:    { port: 19092, controller_port: 19093 }
              zipkin:   { port: 19411 }
            """;

    private final Workspace workspace;
    private final RunLock supervisor;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandHarness(Workspace workspace, RunLock supervisor) {
        this.workspace = workspace;
        this.supervisor = supervisor;
    }

    /**
     * A workspace in {@code home}, its supervisor running, no state yet; its emporium.yaml has the infrastructure (on
     * ports apart from the real system's), then {@code services}.
     *
     * @param services the rest of emporium.yaml: {@code services:} and maybe {@code discovery:}
     */
    static CommandHarness start(Path home, String services) throws IOException {
        Workspace workspace = new Workspace(home);
        Files.writeString(workspace.topologyFile(), INFRASTRUCTURE + services);
        return new CommandHarness(workspace, RunLock.acquire(workspace.lockFile()).orElseThrow());
    }

    /** A service instance {@code name#instance} answering on {@code port}, as the state file lists it. */
    static PartStatus service(String name, int instance, Status status, int port) {
        return new PartStatus(name + "#" + instance, name, instance, "service", status, 4242, 0, port, 1, 1, 0, null,
                null);
    }

    Workspace workspace() {
        return workspace;
    }

    /** Writes the state of a ready system with these parts; {@code controlPort} 0 when no supervisor answers. */
    void writeState(int controlPort, List<PartStatus> parts) {
        new StateFile(workspace.stateFile()).write(new SystemState(ProcessHandle.current().pid(), controlPort,
                System.currentTimeMillis(), Phase.READY, null, parts));
    }

    /** Writes the state a supervisor leaves when its start failed. */
    void writeFailedState(SystemState.Failure failure, PartStatus... parts) {
        new StateFile(workspace.stateFile()).write(new SystemState(ProcessHandle.current().pid(), 0,
                System.currentTimeMillis(), Phase.FAILED, failure, List.of(parts)));
    }

    void writeState(PartStatus... parts) {
        writeState(0, List.of(parts));
    }

    /** Releases the run lock, as a supervisor that ended: Emporium is no longer running. */
    void stopSupervisor() throws IOException {
        supervisor.close();
    }

    /**
     * Runs {@code ./emporium args} in this workspace, adding its standard output and error to {@link #out()} and
     * {@link #err()}.
     *
     * @param args the command (one that takes a workspace) and its arguments
     * @return the exit code
     */
    int run(String... args) {
        CommandLine line = EmporiumCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        inWorkspace(line.getSubcommands().get(args[0]), workspace);
        return line.execute(args);
    }

    /**
     * Makes the command work in {@code workspace} instead of the environment's.
     *
     * @throws IllegalArgumentException when the command has no {@link CommandContext}
     */
    static void inWorkspace(CommandLine command, Workspace workspace) {
        if (!(command.getMixins().get("context") instanceof CommandContext context)) {
            throw new IllegalArgumentException(command.getCommandName() + " does not take a workspace");
        }
        context.workspace = workspace;
    }

    /** What the commands run so far wrote to standard output. */
    String out() {
        return out.toString();
    }

    /** What the commands run so far (since {@link #forgetErr()}) wrote to standard error. */
    String err() {
        return err.toString();
    }

    void forgetErr() {
        err.getBuffer().setLength(0);
    }

    @Override
    public void close() throws IOException {
        supervisor.close();
    }
}
