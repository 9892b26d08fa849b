package io.emporium.runner.process;

import java.util.List;

/** A part could not start or never became ready; carries the last lines of its log for the person reading. */
public class PartFailure extends Exception {

    private final String part;
    private final List<String> logTail;

    public PartFailure(String part, String message, List<String> logTail) {
        super(message);
        this.part = part;
        this.logTail = List.copyOf(logTail);
    }

    public String part() {
        return part;
    }

    public List<String> logTail() {
        return logTail;
    }
}
