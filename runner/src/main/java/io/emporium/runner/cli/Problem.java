package io.emporium.runner.cli;

import java.io.PrintWriter;

/** How a command tells a person about a problem: one line {@code emporium: <message>} on standard error. */
final class Problem {

    private Problem() {
    }

    /**
     * Prints {@code emporium: <message>} on {@code err} and flushes it.
     *
     * @return 1, the exit code of a command that could not do what was asked
     */
    static int report(PrintWriter err, String message) {
        err.println("emporium: " + message);
        err.flush();
        return 1;
    }
}
