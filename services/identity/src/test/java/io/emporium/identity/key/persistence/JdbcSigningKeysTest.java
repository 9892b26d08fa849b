package io.emporium.identity.key.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.emporium.identity.key.model.SigningKey;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The key table under instances that start or rotate at the same moment, on a database of its own. */
class JdbcSigningKeysTest {

    private static final int INSTANCES = 6;

    private static JdbcTemplate jdbc;
    private static JdbcSigningKeys keys;

    @BeforeAll
    static void migrate() {
        PostgresTestDatabase database = PostgresTestDatabase.shared("identity_keys");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(),
                database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        keys = new JdbcSigningKeys(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @BeforeEach
    void empty() {
        jdbc.update("delete from signing_key");
    }

    @Test
    void instancesStartingTogetherAgreeOnOneActiveKey() throws Exception {
        List<SigningKey> active = concurrently(() -> keys.activateUnlessOneIsActive(SigningKey.generate(Instant.now())));

        assertThat(active).extracting(SigningKey::kid).containsOnly(active.getFirst().kid());
        assertThat(jdbc.queryForObject("select count(*) from signing_key", Integer.class)).isOne();
    }

    @Test
    void concurrentRotationsEachRetireADifferentKeyAndLeaveOneActive() throws Exception {
        SigningKey first = keys.activateUnlessOneIsActive(SigningKey.generate(Instant.now()));

        List<Optional<SigningKey>> retired = concurrently(
                () -> keys.replaceActive(SigningKey.generate(Instant.now()), Instant.now()));

        assertThat(retired).allSatisfy(key -> assertThat(key).isPresent());
        assertThat(retired).extracting(key -> key.orElseThrow().kid()).doesNotHaveDuplicates().contains(first.kid());
        assertThat(jdbc.queryForObject("select count(*) from signing_key where retired_at is null", Integer.class))
                .isOne();
        assertThat(jdbc.queryForObject("select count(*) from signing_key", Integer.class)).isEqualTo(INSTANCES + 1);
    }

    @Test
    void keysSurviveTheRoundTripThroughPem() {
        SigningKey key = keys.activateUnlessOneIsActive(SigningKey.generate(Instant.now()));

        SigningKey read = keys.active().orElseThrow();

        assertThat(read.kid()).isEqualTo(key.kid());
        assertThat(read.publicKey()).isEqualTo(key.publicKey());
        assertThat(read.privateKey().getEncoded()).isEqualTo(key.privateKey().getEncoded());
        assertThat(jdbc.queryForObject("select private_key_pem from signing_key", String.class))
                .startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void retiredKeysArePublishedUntilTheCutOffAndDeletedAfterIt() {
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        SigningKey old = keys.activateUnlessOneIsActive(SigningKey.generate(start));
        SigningKey current = SigningKey.generate(start.plusSeconds(10));
        keys.replaceActive(current, start.plusSeconds(10));

        assertThat(keys.activeAndRetiredAfter(start.plusSeconds(9))).extracting(SigningKey::kid)
                .containsExactly(current.kid(), old.kid());
        assertThat(keys.activeAndRetiredAfter(start.plusSeconds(10))).extracting(SigningKey::kid)
                .containsExactly(current.kid());
        assertThat(keys.deleteRetiredBefore(start.plusSeconds(11))).isOne();
        assertThat(keys.active()).map(SigningKey::kid).hasValue(current.kid());
    }

    private static <T> List<T> concurrently(Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> results = IntStream.range(0, INSTANCES).mapToObj(i -> pool.submit(() -> {
                start.await();
                return work.call();
            })).toList();
            start.countDown();
            return results.stream().map(JdbcSigningKeysTest::get).toList();
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        }
        catch (Exception ex) {
            throw new AssertionError("concurrent call failed", ex);
        }
    }
}
