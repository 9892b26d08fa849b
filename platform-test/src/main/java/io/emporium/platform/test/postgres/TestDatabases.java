package io.emporium.platform.test.postgres;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates test databases, each owned by a login role of the same name, on one {@link PostgresServer}, and drops
 * them again: all of them when the JVM exits, and, on start, those left behind by test JVMs of this host that
 * died before they could clean up (killed builds). Each database carries a comment naming its host and process.
 */
final class TestDatabases {

    private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
    private static final String MARK = "emporium-platform-test";
    private static final Pattern OWNER = Pattern.compile(Pattern.quote(MARK) + " host=(\\S+) pid=(\\d+)");
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String MIXED = LOWER + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final SecureRandom random = new SecureRandom();
    private static @Nullable TestDatabases instance;
    private static @Nullable RuntimeException failure;

    private final PostgresServer server;
    private final String host = hostName();
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    private TestDatabases(PostgresServer server) {
        this.server = server;
    }

    /**
     * The databases of this JVM, on the server the environment names (see {@link ServerSettings}). If no server
     * is available, every call fails with the same explanation, not only the first.
     */
    static synchronized TestDatabases instance() {
        if (instance == null) {
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            try {
                instance = start(ServerSettings.fromEnvironment());
            }
            catch (RuntimeException ex) {
                failure = ex;
                throw ex;
            }
        }
        return instance;
    }

    /** Locates the server, sweeps up leftovers of dead test JVMs and arranges for cleanup at JVM exit. */
    static TestDatabases start(ServerSettings settings) {
        TestDatabases databases = new TestDatabases(PostgresServer.locate(settings));
        if (!databases.server.embedded()) {
            databases.dropLeftoversOfDeadProcesses();
            Runtime.getRuntime().addShutdownHook(new Thread(databases::dropAll, "emporium-test-databases-cleanup"));
        }
        return databases;
    }

    /** Creates role and database {@code <prefix>_<random>}; only the role (and superusers) may connect to it. */
    PostgresTestDatabase create(String prefix) {
        String name = prefix + "_" + randomString(LOWER, 10);
        String password = randomString(MIXED, 32);
        try (Connection admin = server.admin(); Statement sql = admin.createStatement()) {
            created.add(name);
            sql.execute("create role " + name + " login password '" + password + "'");
            sql.execute("create database " + name + " owner " + name);
            sql.execute("revoke all on database " + name + " from public");
            sql.execute("comment on database " + name + " is '" + MARK + " host=" + host + " pid="
                    + ProcessHandle.current().pid() + "'");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + name + " on " + server.adminUrl()
                    + ": " + ex.getMessage(), ex);
        }
        log.info("Test database {} (own role) on {}", name, server.adminUrl());
        return new PostgresTestDatabase(name, server.urlOf(name), password);
    }

    PostgresServer server() {
        return server;
    }

    /** Drops every database and role this instance created; tolerates ones already gone. */
    void dropAll() {
        for (String name : List.copyOf(created)) {
            drop(name);
            created.remove(name);
        }
    }

    private void dropLeftoversOfDeadProcesses() {
        List<String> leftovers = new ArrayList<>();
        try (Connection admin = server.admin(); Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery("select datname, shobj_description(oid, 'pg_database')"
                        + " from pg_database where shobj_description(oid, 'pg_database') like '" + MARK + " %'")) {
            while (rows.next()) {
                Matcher owner = OWNER.matcher(rows.getString(2));
                if (owner.matches() && owner.group(1).equals(host) && !isAlive(Long.parseLong(owner.group(2)))) {
                    leftovers.add(rows.getString(1));
                }
            }
        }
        catch (SQLException ex) {
            log.warn("Could not look for leftover test databases on {}: {}", server.adminUrl(), ex.getMessage());
        }
        leftovers.forEach(this::drop);
    }

    private void drop(String name) {
        try (Connection admin = server.admin(); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
            sql.execute("drop role if exists " + name);
        }
        catch (SQLException ex) {
            log.warn("Could not drop test database {} on {}: {}", name, server.adminUrl(), ex.getMessage());
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String randomString(String alphabet, int length) {
        StringBuilder result = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            result.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return result.toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "_");
        }
        catch (UnknownHostException ex) {
            return "unknown";
        }
    }

}
