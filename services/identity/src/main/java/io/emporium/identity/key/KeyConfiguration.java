package io.emporium.identity.key;

import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.emporium.identity.IdentityProperties;
import io.emporium.identity.key.application.SigningKeyRing;
import io.emporium.identity.key.jwk.SigningKeySource;
import io.emporium.identity.key.persistence.JdbcSigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the key ring to its table and publishes it as the issuer's {@link JWKSource}.
 *
 * <p>Retention of a retired key = access-token lifetime + 60 s (clock skew of the verifiers and tokens issued
 * in the last instant before the rotation). ID tokens live 30 minutes in Spring Authorization Server; clients
 * check them at sign-in, right after they are issued, so the access-token lifetime is what bounds retention.
 */
@Configuration(proxyBeanMethods = false)
class KeyConfiguration {

    static final Duration SKEW_MARGIN = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(KeyConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SigningKeyRing signingKeyRing(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
            IdentityProperties properties) {
        return new SigningKeyRing(new JdbcSigningKeys(jdbc, transactions), clock,
                properties.accessTokenTtl().plus(SKEW_MARGIN));
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyRing ring) {
        return new SigningKeySource(ring);
    }

    /** Makes sure a key is active before the first token is asked for (first start of the first instance). */
    @Bean
    ApplicationRunner activeSigningKey(SigningKeyRing ring) {
        return args -> {
            String kid = ring.active().kid();
            log.atInfo().addKeyValue("key.active", kid).log("Signing tokens with key {}", kid);
        };
    }
}
