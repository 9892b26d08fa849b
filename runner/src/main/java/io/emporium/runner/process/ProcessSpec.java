package io.emporium.runner.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to start one child process, and how to ask it to stop. Its stdout and stderr are appended to {@code logFile};
 * stdin is closed.
 *
 * @param env        added to the supervisor's own environment
 * @param stopSignal the signal that asks it to stop gracefully ({@code TERM}; PostgreSQL's fast shutdown is
 *                   {@code INT}); SIGKILL follows after the stop grace
 * @param unset      variables of the supervisor's environment the process does not get
 */
public record ProcessSpec(List<String> command, Map<String, String> env, Path workingDirectory, Path logFile,
                          String stopSignal, Set<String> unset) {

    /** {@code -Dname=value} or {@code --name=value} whose name speaks of a password, secret, token or credential. */
    private static final Pattern SECRET_OPTION = Pattern.compile(
            "(-{1,2}D?[^=]*(?i:password|passwd|pwd|secret|token|credential|api-?key)[^=]*=).*");
    /** The user info's password part of a URL: {@code scheme://user:password@}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)[^@\\s]*@");

    public ProcessSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        unset = Set.copyOf(unset);
    }

    /** A process that stops on SIGTERM. */
    public ProcessSpec(List<String> command, Map<String, String> env, Path workingDirectory, Path logFile) {
        this(command, env, workingDirectory, logFile, Processes.TERM);
    }

    public ProcessSpec(List<String> command, Map<String, String> env, Path workingDirectory, Path logFile,
                       String stopSignal) {
        this(command, env, workingDirectory, logFile, stopSignal, Set.of());
    }

    public Process launch() throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeAll(unset);
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * The command line as it may be shown in a message or a log: the value of every option whose name suggests a
     * secret ({@code -Dspring.datasource.password=...}, {@code --client-secret=...}) and the password of every URL
     * ({@code postgresql://user:...@host}) replaced by {@code ***}. The environment is never shown.
     */
    public String describe() {
        return String.join(" ", command.stream().map(ProcessSpec::redacted).toList());
    }

    /** Without the environment, which holds passwords: see {@link #describe()}. */
    @Override
    public String toString() {
        return "ProcessSpec[" + describe() + "]";
    }

    static String redacted(String argument) {
        Matcher option = SECRET_OPTION.matcher(argument);
        if (option.matches()) {
            return option.group(1) + "***";
        }
        return URL_PASSWORD.matcher(argument).replaceAll("$1***@");
    }
}
