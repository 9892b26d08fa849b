package io.emporium.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The identity service: the only issuer of tokens in Emporium (docs/adr/0003). An OAuth 2.0 / OpenID Connect
 * authorization server whose clients, users, authorizations and signing keys live in its own PostgreSQL database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityApplication {

    public static void main(String[] args) {
        SpringApplication.run(IdentityApplication.class, args);
    }
}
