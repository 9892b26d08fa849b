package io.emporium.platform.health;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * The platform's default {@code readiness} health group: {@code readinessState} plus the dependencies without which
 * an instance cannot serve, by contributor name ({@code emporium.health.readiness.members}, by default
 * {@code readinessState,db}). A name is a member only if the service has that contributor, so a service without a
 * database simply has no such member, and Boot's group-membership validation (which applies to
 * {@code management.endpoint.health.group.*.include}) is not involved.
 *
 * <p>The Kafka broker ({@code kafka}) is not a default member, on purpose: every service writes its messages through
 * the transactional outbox, so it serves its API while the broker is away, and the outbox catches up afterwards.
 * With the broker in readiness, one broker outage would take every instance of every service out of rotation at
 * once. The {@code kafka} indicator still shows in {@code /actuator/health}; a service that really cannot serve
 * without the broker adds {@code kafka} to the members.
 *
 * <p>A service that configures {@code management.endpoint.health.group.readiness.include} itself keeps exactly its
 * own group (catalog, which serves stale reads without its database, leaves {@code db} out that way). Liveness stays
 * Boot's default: {@code livenessState} only, so a lost dependency never gets a process restarted.
 */
final class ReadinessGroup implements HealthEndpointGroupsPostProcessor {

    static final String READINESS = "readiness";

    private final Set<String> members;

    ReadinessGroup(List<String> members) {
        this.members = Set.copyOf(members);
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup primary = groups.getPrimary();
        HealthEndpointGroup existing = groups.get(READINESS);
        Map<String, HealthEndpointGroup> all = new HashMap<>();
        for (String name : new LinkedHashSet<>(groups.getNames())) {
            all.put(name, groups.get(name));
        }
        all.put(READINESS, new Members(existing != null ? existing : primary, existing != null, members));
        return HealthEndpointGroups.of(primary, all);
    }

    /** The readiness group with these members, otherwise as configured (or as the primary group shows health). */
    private static final class Members implements HealthEndpointGroup {

        private final HealthEndpointGroup settings;
        private final boolean keepAdditionalPath;
        private final Set<String> members;

        Members(HealthEndpointGroup settings, boolean keepAdditionalPath, Set<String> members) {
            this.settings = settings;
            this.keepAdditionalPath = keepAdditionalPath;
            this.members = members;
        }

        @Override
        public boolean isMember(String name) {
            int slash = name.indexOf('/');
            return members.contains(slash < 0 ? name : name.substring(0, slash));
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return settings.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return settings.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return settings.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return settings.getHttpCodeStatusMapper();
        }

        @Override
        public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
            return keepAdditionalPath ? settings.getAdditionalPath() : null;
        }
    }
}
