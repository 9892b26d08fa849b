package io.emporium.runner.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one child process, and how to ask it to stop. Its stdout and stderr are appended to {@code logFile};
 * stdin is closed.
 *
 * @param env        added to the supervisor's own environment
 * @param stopSignal the signal that asks it to stop gracefully ({@code TERM}; PostgreSQL's fast shutdown is
 *                   {@code INT}); SIGKILL follows after the stop grace
 */
public record ProcessSpec(List<String> command, Map<String, String> env, Path workingDirectory, Path logFile,
                          String stopSignal) {

    public ProcessSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** A process that stops on SIGTERM. */
    public ProcessSpec(List<String> command, Map<String, String> env, Path workingDirectory, Path logFile) {
        this(command, env, workingDirectory, logFile, Processes.TERM);
    }

    public Process launch() throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        return builder.start();
    }
}
