package io.emporium.payments.payment.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The provider's ledger in memory, for tests of the provider's rules. */
final class InMemoryProviderLedger implements ProviderLedger {

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized Entry recordOnce(String key, Supplier<Entry> firstAnswer) {
        Entry known = entries.get(key);
        if (known != null) {
            return known;
        }
        Entry entry = firstAnswer.get();
        entries.put(key, entry);
        return entry;
    }

    @Override
    public synchronized Optional<Entry> hold(String reference) {
        return entries.values().stream().filter(entry -> entry.operation() == Operation.AUTHORIZE
                && entry.outcome() == Outcome.APPROVED && reference.equals(entry.reference())).findFirst();
    }

    synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }
}
