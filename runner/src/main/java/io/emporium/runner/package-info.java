/**
 * The Emporium runner: {@code java -jar runner/target/emporium-runner.jar up|down|status|logs|dlq|token}. Reads the
 * topology ({@code emporium.yaml}) and runs the whole system on this machine. Packages by feature: {@code topology}
 * (the declarative file), {@code infra} (PostgreSQL, Kafka, Zipkin), {@code process} (child processes, readiness,
 * restarts, AOT cache), {@code supervision} (the detached supervisor, its state and control channel), {@code logs}
 * (merging and following log files), {@code dlq} (listing and replaying dead letters), {@code auth} (logging a user in
 * at the identity service for an access token) and {@code cli} (the commands).
 */
package io.emporium.runner;
