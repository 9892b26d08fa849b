package io.emporium.platform.saga.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.emporium.platform.quarantine.Quarantine;
import io.emporium.platform.quarantine.QuarantinedItem;
import io.emporium.platform.saga.SagaInstance;
import io.emporium.platform.saga.SagaStatus;
import io.emporium.platform.saga.Sagas;
import io.emporium.platform.test.postgres.PostgresTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The saga store as a service that runs sagas gets it from the starter ({@code emporium.saga.store.enabled}), on a
 * real PostgreSQL: its table, the port's contract (versions, deadlines, quarantine), its metrics. Reads run on their
 * own here (auto-commit); a service calls the port within its transactions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.application.name=saga-test", "emporium.saga.store.enabled=true", "emporium.messaging.enabled=false",
        "management.health.kafka.enabled=false" })
class SagaStoreIntegrationTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.shared("saga").registerWith(registry);
    }

    @Autowired
    Sagas sagas;

    @Autowired
    List<Quarantine> quarantines;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MeterRegistry meters;

    @Test
    void aStoredSagaIsReadBackLockedAndAdvancedOnlyFromTheVersionItWasReadAt() {
        String id = UUID.randomUUID().toString();
        sagas.insert(running(id, NOW.plusSeconds(60)));

        SagaInstance stored = sagas.lock(id).orElseThrow();
        SagaInstance next = new SagaInstance(id, "book-trip", 1, SagaStatus.RUNNING, NOW.plusSeconds(90), null, 2,
                stored.version());
        transactions.executeWithoutResult(status -> sagas.update(next));

        assertThat(stored).isEqualTo(atVersion(running(id, NOW.plusSeconds(60)), 1));
        assertThat(sagas.lock(id)).contains(atVersion(next, 2));
        assertThatExceptionOfType(OptimisticLockingFailureException.class)
                .isThrownBy(() -> transactions.executeWithoutResult(status -> sagas.update(next)));
        assertThat(sagas.lock("no-such-saga")).isEmpty();
    }

    @Test
    void runningSagasPastTheirDeadlineExpireOldestFirstAndAQuarantinedOneIsLeftOutAndListed() {
        Instant past = NOW.minus(1000, ChronoUnit.DAYS);
        String stuck = UUID.randomUUID().toString();
        String older = UUID.randomUUID().toString();
        String newer = UUID.randomUUID().toString();
        String waiting = UUID.randomUUID().toString();
        sagas.insert(running(stuck, past.minusSeconds(30)));
        sagas.insert(running(newer, past.minusSeconds(10)));
        sagas.insert(running(older, past.minusSeconds(20)));
        sagas.insert(running(waiting, NOW.plusSeconds(3600)));

        sagas.quarantine(stuck, "its data cannot be loaded", NOW);
        sagas.quarantine(stuck, "a later reason", NOW.plusSeconds(1));

        assertThat(sagas.expired(past, 10)).containsExactly(older, newer);
        assertThat(sagas.expired(NOW, 1000)).doesNotContain(stuck, waiting);
        Quarantine quarantine = quarantines.stream().filter(q -> q.kind().equals("saga")).findFirst().orElseThrow();
        assertThat(quarantine.list(1000))
                .contains(new QuarantinedItem("saga", stuck, "its data cannot be loaded", NOW));
    }

    @Test
    void aSagaThatEndsIsCountedOnlyOnceItsEndIsCommitted() {
        String id = UUID.randomUUID().toString();
        sagas.insert(new SagaInstance(id, "count-test", 0, SagaStatus.RUNNING, NOW, null, 0, 0));
        SagaInstance compensated = new SagaInstance(id, "count-test", 0, SagaStatus.COMPENSATED, null, "refused", 0,
                1);

        transactions.executeWithoutResult(status -> {
            sagas.update(compensated);
            status.setRollbackOnly();
        });
        assertThat(meters.find("emporium.saga.completed").tag("definition", "count-test").counter()).isNull();

        transactions.executeWithoutResult(status -> sagas.update(compensated));
        assertThat(meters.get("emporium.saga.completed").tag("definition", "count-test")
                .tag("outcome", "compensated").counter().count()).isEqualTo(1);
        assertThat(meters.get("emporium.saga.duration").tag("definition", "count-test").timer().count())
                .isEqualTo(1);
    }

    /**
     * A service's own beans come first and need the store at once (orders' use cases do): its table must still wait
     * for the service's migrations, or the service's Flyway would find a non-empty schema without history and refuse.
     */
    @Test
    void theStoreMigratesAfterTheServicesOwnMigrationsEvenWhenTheServiceNeedsItFirst() {
        PostgresTestDatabase empty = PostgresTestDatabase.shared("saga_order");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
                        FlywayAutoConfiguration.class, SagaStoreAutoConfiguration.class))
                .withBean("useCase", Object.class, Object::new, definition -> definition.setDependsOn("sagas"))
                .withPropertyValues("emporium.saga.store.enabled=true", "spring.datasource.url=" + empty.url(),
                        "spring.datasource.username=" + empty.username(),
                        "spring.datasource.password=" + empty.password())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Sagas.class);
                    JdbcClient jdbc = context.getBean(JdbcClient.class);
                    assertThat(jdbc.sql("select count(*) from flyway_schema_history where success")
                            .query(Long.class).single()).isEqualTo(1);
                    assertThat(jdbc.sql("select count(*) from saga_instance").query(Long.class).single()).isZero();
                });
    }

    @Test
    void aServiceThatDoesNotAskForTheStoreDoesNotGetIt() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SagaStoreAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(Sagas.class).doesNotHaveBean(SagaSchema.class));
    }

    private static SagaInstance running(String id, Instant deadline) {
        return new SagaInstance(id, "book-trip", 0, SagaStatus.RUNNING, deadline, null, 0, 0);
    }

    private static SagaInstance atVersion(SagaInstance instance, long version) {
        return new SagaInstance(instance.id(), instance.definition(), instance.step(), instance.status(),
                instance.deadline(), instance.failure(), instance.retries(), version);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {
    }
}
