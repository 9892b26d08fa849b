package io.emporium.identity.key.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.emporium.identity.key.model.SigningKey;
import io.emporium.identity.key.model.SigningKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing keys in the {@code signing_key} table. Changes to the active key take a transaction-scoped advisory
 * lock first, so instances that start or rotate at the same moment take turns; the unique index on the active
 * key is the last line of defence.
 */
public final class JdbcSigningKeys implements SigningKeys {

    private static final String COLUMNS = "kid, private_key_pem, public_key_pem, created_at, retired_at";
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('emporium.identity.signing_key'))";
    private static final RowMapper<SigningKey> ROW = JdbcSigningKeys::signingKey;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JdbcSigningKeys(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public Optional<SigningKey> active() {
        return jdbc.query("select " + COLUMNS + " from signing_key where retired_at is null", ROW).stream().findFirst();
    }

    @Override
    public SigningKey activateUnlessOneIsActive(SigningKey candidate) {
        requireActive(candidate);
        return transactions.execute(status -> {
            lock();
            return active().orElseGet(() -> {
                insert(candidate);
                return candidate;
            });
        });
    }

    @Override
    public Optional<SigningKey> replaceActive(SigningKey fresh, Instant at) {
        requireActive(fresh);
        return transactions.execute(status -> {
            lock();
            Optional<SigningKey> retired = active().map(key -> key.retire(at));
            retired.ifPresent(key -> jdbc.update("update signing_key set retired_at = ? where kid = ?",
                    Timestamp.from(at), key.kid()));
            insert(fresh);
            return retired;
        });
    }

    @Override
    public List<SigningKey> activeAndRetiredAfter(Instant retiredAfter) {
        return jdbc.query("select " + COLUMNS + " from signing_key where retired_at is null or retired_at > ?"
                + " order by retired_at desc nulls first", ROW, Timestamp.from(retiredAfter));
    }

    @Override
    public int deleteRetiredBefore(Instant retiredBefore) {
        return jdbc.update("delete from signing_key where retired_at < ?", Timestamp.from(retiredBefore));
    }

    private void lock() {
        jdbc.query(LOCK, rs -> null);
    }

    private void insert(SigningKey key) {
        jdbc.update("insert into signing_key (" + COLUMNS + ") values (?, ?, ?, ?, ?)", key.kid(),
                PemKeys.encode(key.privateKey()), PemKeys.encode(key.publicKey()), Timestamp.from(key.createdAt()),
                timestamp(key.retiredAt()));
    }

    private static void requireActive(SigningKey key) {
        if (!key.isActive()) {
            throw new IllegalArgumentException("Key " + key.kid() + " is retired and cannot become active");
        }
    }

    private static SigningKey signingKey(ResultSet row, int rowNum) throws SQLException {
        Timestamp retiredAt = row.getTimestamp("retired_at");
        return new SigningKey(row.getString("kid"), PemKeys.publicKey(row.getString("public_key_pem")),
                PemKeys.privateKey(row.getString("private_key_pem")), row.getTimestamp("created_at").toInstant(),
                retiredAt == null ? null : retiredAt.toInstant());
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
