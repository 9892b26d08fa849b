package io.emporium.identity.client;

import io.emporium.identity.IdentityProperties;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registered clients, authorizations (codes, tokens, refresh tokens) and consents in PostgreSQL, through Spring
 * Authorization Server's own JDBC implementations, so that every instance sees the same state and a restart loses
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
            RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    ApplicationRunner firstPartyClients(IdentityProperties properties, PasswordEncoder encoder,
            RegisteredClientRepository clients, JdbcTemplate jdbc, TransactionTemplate transactions) {
        return args -> new ClientRegistrations(new FirstPartyClients(properties, encoder), clients, jdbc, transactions)
                .registerMissing();
    }
}
