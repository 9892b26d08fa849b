package io.emporium.identity;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.emporium.identity.key.application.SigningKeyRing;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second instance on the same database (a restart, or a second replica) signs with the same key, knows the same
 * clients and users, and verifies what the first one issued: nothing lives only in memory.
 */
class RestartSurvivalIntegrationTest extends IdentityIntegrationTest {

    private final IdentityClient first;
    private final SigningKeyRing keys;
    private final RegisteredClientRepository clients;

    RestartSurvivalIntegrationTest(@LocalServerPort int port, SigningKeyRing keys, RegisteredClientRepository clients) {
        this.first = new IdentityClient(port);
        this.keys = keys;
        this.clients = clients;
    }

    @Test
    void aSecondInstanceOnTheSameDatabaseSeesTheSameKeysClientsAndUsers() throws Exception {
        String token = first.accessToken("alice", "alice-dev-only");
        PostgresTestDatabase database = PostgresTestDatabase.shared("identity");

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(IdentityApplication.class).run(
                "--server.port=0", "--eureka.client.enabled=false", "--emporium.identity.demo-users=true",
                "--emporium.identity.clients.orders-service.secret=" + IdentityClient.ORDERS_SECRET,
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password())) {
            IdentityClient other = new IdentityClient(
                    ((WebServerApplicationContext) second).getWebServer().getPort());

            assertThat(second.getBean(SigningKeyRing.class).active().kid()).isEqualTo(keys.active().kid());
            assertThat(second.getBean(RegisteredClientRepository.class).findByClientId("storefront"))
                    .usingRecursiveComparison().isEqualTo(clients.findByClientId("storefront"));

            SignedJWT issuedByFirst = IdentityClient.parse(token);
            RSAKey key = (RSAKey) other.jwks().getKeyByKeyId(issuedByFirst.getHeader().getKeyID());
            assertThat(issuedByFirst.verify(new RSASSAVerifier(key))).isTrue();
            assertThat(other.get("/userinfo", token).statusCode()).isEqualTo(200);

            String issuedBySecond = other.accessToken("bob", "bob-dev-only");
            assertThat(IdentityClient.parse(issuedBySecond).getHeader().getKeyID()).isEqualTo(keys.active().kid());
            assertThat(first.get("/userinfo", issuedBySecond).statusCode()).isEqualTo(200);
        }
    }
}
