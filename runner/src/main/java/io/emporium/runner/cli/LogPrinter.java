package io.emporium.runner.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.emporium.runner.logs.LogFollower;
import io.emporium.runner.logs.LogFormatter;
import io.emporium.runner.logs.LogQuery;

/** Streams new log lines of the workspace to the terminal until told to stop. */
final class LogPrinter {

    private static final Duration POLL = Duration.ofMillis(250);

    private LogPrinter() {
    }

    static void follow(Path directory, LogQuery query, PrintStream out, BooleanSupplier keepGoing) {
        follow(directory, query, new PrintWriter(out), keepGoing);
    }

    /** Prints what the log files get, polling until {@code keepGoing} says no, which it is asked before each poll. */
    static void follow(Path directory, LogQuery query, PrintWriter out, BooleanSupplier keepGoing) {
        LogFollower follower = new LogFollower(directory, query, true);
        while (keepGoing.getAsBoolean()) {
            follower.poll().forEach(line -> out.println(LogFormatter.format(line)));
            out.flush();
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
