package io.emporium.runner.topology;

/** The embedded PostgreSQL server: one server, one database and one login user per service that declares one. */
public record PostgresSpec(int port) {
}
