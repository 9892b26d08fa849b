package io.emporium.runner.process;

/** Where a part is in its life. */
public enum Status {
    WAITING("waiting"),
    STARTING("starting"),
    TRAINING("training AOT cache"),
    READY("ready"),
    RESTARTING("restarting"),
    FAILED("failed"),
    STOPPING("stopping"),
    STOPPED("stopped");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
