package io.emporium.identity.user;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo users of the local topology and the tests, added when missing (never changed once there). Instances
 * starting together take turns through an advisory lock, so each user is added once.
 */
final class DemoUsers {

    static final String ROLE_CUSTOMER = "ROLE_CUSTOMER";
    static final String ROLE_ADMIN = "ROLE_ADMIN";

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('emporium.identity.demo-users'))";

    /** DEV ONLY passwords, seeded only with emporium.identity.demo-users=true (the local topology and tests). */
    private static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "alice-dev-only", ROLE_CUSTOMER),
            new DemoUser("bob", "bob-dev-only", ROLE_CUSTOMER),
            new DemoUser("admin", "admin-dev-only", ROLE_ADMIN));

    private final JdbcUserDetailsManager users;
    private final PasswordEncoder encoder;
    private final TransactionTemplate transactions;

    DemoUsers(JdbcUserDetailsManager users, PasswordEncoder encoder, TransactionTemplate transactions) {
        this.users = users;
        this.encoder = encoder;
        this.transactions = transactions;
    }

    void seed() {
        transactions.executeWithoutResult(status -> {
            users.getJdbcTemplate().query(LOCK, rs -> null);
            for (DemoUser user : USERS) {
                if (!users.userExists(user.name())) {
                    users.createUser(User.withUsername(user.name()).password(encoder.encode(user.password()))
                            .authorities(user.role()).build());
                    log.atInfo().addKeyValue("user.name", user.name())
                            .log("Added DEV ONLY demo user {} ({})", user.name(), user.role());
                }
            }
        });
    }

    private record DemoUser(String name, String password, String role) {

        @Override
        public String toString() {
            return "DemoUser[name=" + name + ", role=" + role + "]";
        }
    }
}
