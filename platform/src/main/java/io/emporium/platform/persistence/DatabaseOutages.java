package io.emporium.platform.persistence;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Tells a failure that says nothing about the data being handled from one that does, for code that sets an item aside
 * when it cannot be handled (a saga, an order of the read model): while the database cannot be reached, or refuses for
 * now, nothing must be quarantined; the work is simply tried again later.
 */
public final class DatabaseOutages {

    private DatabaseOutages() {
    }

    /**
     * Whether the database being unreachable or refusing for now explains the failure, anywhere in its cause chain:
     * Spring's {@link TransientDataAccessException} (lock and statement timeouts, lost optimistic-lock races),
     * {@link DataAccessResourceFailureException} (no connection, a connection lost mid-transaction),
     * {@link RecoverableDataAccessException} and {@link TransactionException} (a commit or rollback that failed); JDBC's
     * {@link SQLTransientException} and {@link SQLRecoverableException}; an SQL state of class 08 (connection), 53
     * (insufficient resources) or 57P (operator intervention, e.g. the server shutting down).
     */
    public static boolean explain(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof RecoverableDataAccessException || cause instanceof TransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql && unavailable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P"));
    }
}
