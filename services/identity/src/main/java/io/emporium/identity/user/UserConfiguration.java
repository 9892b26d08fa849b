package io.emporium.identity.user;

import javax.sql.DataSource;

import io.emporium.identity.IdentityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Users who sign in with a password: stored in {@code users}/{@code authorities}, passwords hashed (bcrypt). */
@Configuration(proxyBeanMethods = false)
class UserConfiguration {

    /** Hashes with bcrypt and names the algorithm in the stored value, so it can change later without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    JdbcUserDetailsManager users(DataSource dataSource) {
        return new JdbcUserDetailsManager(dataSource);
    }

    @Bean
    LoginEvents loginEvents(MeterRegistry meters) {
        return new LoginEvents(meters);
    }

    @Bean
    ApplicationRunner demoUsers(IdentityProperties properties, JdbcUserDetailsManager users, PasswordEncoder encoder,
            TransactionTemplate transactions) {
        return args -> {
            if (properties.demoUsers()) {
                new DemoUsers(users, encoder, transactions).seed();
            }
        };
    }
}
