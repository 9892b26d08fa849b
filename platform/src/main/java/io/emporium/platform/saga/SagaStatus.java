package io.emporium.platform.saga;

/** RUNNING until every step succeeded (COMPLETED) or a step failed and the earlier ones were compensated (COMPENSATED). */
public enum SagaStatus {
    RUNNING, COMPLETED, COMPENSATED
}
