package io.emporium.platform.quarantine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/quarantine}: per kind, how many items this service set aside and the oldest
 * {@value #LISTED} of them. A kind that cannot be read now (its database is down) is shown with its error instead,
 * and does not hide the others. Admin-only, like every actuator endpoint but health, info and prometheus.
 */
@Endpoint(id = "quarantine")
class QuarantineEndpoint {

    static final int LISTED = 100;

    /** One kind's count and its oldest items, or why they cannot be read. */
    record Kind(@Nullable Long count, List<QuarantinedItem> items, @Nullable String error) {
    }

    private final List<Quarantine> quarantines;

    QuarantineEndpoint(List<Quarantine> quarantines) {
        this.quarantines = List.copyOf(quarantines);
    }

    @ReadOperation
    Map<String, Kind> quarantined() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Quarantine quarantine : quarantines) {
            try {
                kinds.put(quarantine.kind(), new Kind(quarantine.count(), quarantine.list(LISTED), null));
            }
            catch (RuntimeException ex) {
                kinds.put(quarantine.kind(), new Kind(null, List.of(), ex.toString()));
            }
        }
        return kinds;
    }
}
