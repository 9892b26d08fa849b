package io.emporium.runner.topology;

/**
 * A service's own database and login. DEV ONLY: the password is derived from the database name so that a local
 * system needs no secret store; never reuse this scheme outside the local runner.
 */
public record ServiceDatabase(String name, String user, String password) {

    static ServiceDatabase named(String name) {
        return new ServiceDatabase(name, name, name + "-dev-only");
    }
}
