package io.emporium.runner.topology;

/** The topology file is missing, unreadable or invalid; the message says what and where, for a person to fix. */
public final class TopologyException extends RuntimeException {

    public TopologyException(String message) {
        super(message);
    }

    TopologyException(String message, Throwable cause) {
        super(message, cause);
    }
}
