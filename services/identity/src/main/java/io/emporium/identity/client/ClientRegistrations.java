package io.emporium.identity.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers the first-party clients that are not registered yet; a client already in the database is left as
 * it is (change one with a migration). Instances starting together take turns through an advisory lock, so each
 * client is registered once.
 */
final class ClientRegistrations {

    private static final Logger log = LoggerFactory.getLogger(ClientRegistrations.class);
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('emporium.identity.clients'))";

    private final FirstPartyClients clients;
    private final RegisteredClientRepository repository;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ClientRegistrations(FirstPartyClients clients, RegisteredClientRepository repository, JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        this.clients = clients;
        this.repository = repository;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    void registerMissing() {
        if (!clients.ordersServiceConfigured()) {
            log.atWarn().addKeyValue("client.id", FirstPartyClients.ORDERS_SERVICE).log(
                    "emporium.identity.clients.orders-service.secret is not set: client '{}' is not registered by this"
                            + " instance, so the orders service cannot obtain tokens unless it was registered before",
                    FirstPartyClients.ORDERS_SERVICE);
        }
        transactions.executeWithoutResult(status -> {
            jdbc.query(LOCK, rs -> null);
            for (RegisteredClient client : clients.all()) {
                if (repository.findByClientId(client.getClientId()) == null) {
                    repository.save(client);
                    log.atInfo().addKeyValue("client.id", client.getClientId())
                            .log("Registered client {}", client.getClientId());
                }
            }
        });
    }
}
