package io.emporium.runner.process;

import java.util.List;

/** A helper process of a part's preparation did not finish in time (and was stopped). */
public final class HelperTimedOut extends PartFailure {

    public HelperTimedOut(String part, String message, List<String> logTail) {
        super(part, message, logTail);
    }
}
