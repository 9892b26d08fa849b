package io.emporium.platform.persistence;

import java.sql.SQLException;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutagesTest {

    @Test
    void aLostOrRefusedDatabaseExplainsAFailureAnywhereInItsCauses() {
        assertThat(DatabaseOutages.explain(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseOutages.explain(new QueryTimeoutException("too slow"))).isTrue();
        assertThat(DatabaseOutages.explain(new OptimisticLockingFailureException("lost a race"))).isTrue();
        assertThat(DatabaseOutages.explain(new TransactionSystemException("JDBC rollback failed"))).isTrue();
        assertThat(DatabaseOutages.explain(new UncategorizedSQLException("select", "select",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseOutages.explain(new IllegalStateException("wrapped",
                new SQLException("connection refused", "08001")))).isTrue();
    }

    @Test
    void dataThatCannotBeHandledIsNotAnOutage() {
        assertThat(DatabaseOutages.explain(new IllegalStateException("saga x has no order stream"))).isFalse();
        assertThat(DatabaseOutages.explain(new DateTimeParseException("garbled", "garbled", 0))).isFalse();
        assertThat(DatabaseOutages.explain(new DataIntegrityViolationException("duplicate"))).isFalse();
        assertThat(DatabaseOutages.explain(new UncategorizedSQLException("insert", "insert",
                new SQLException("numeric field overflow", "22003")))).isFalse();
    }
}
