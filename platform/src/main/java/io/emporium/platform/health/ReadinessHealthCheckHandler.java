package io.emporium.platform.health;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * What this instance tells Eureka about itself: the status of one health group (by default {@code readiness}),
 * not the overall health. Readiness DOWN becomes DOWN and OUT_OF_SERVICE stays OUT_OF_SERVICE, so discovery-based
 * callers stop choosing the instance; UP again once the group recovers. The Eureka client asks on every
 * instance-info replication ({@code eureka.client.instance-info-replication-interval-seconds}) and re-registers
 * when the answer changes.
 *
 * <p>Before the context has started and while it stops, the status Eureka already has is kept: health contributors
 * may not work then, and de-registration on shutdown is done by the Eureka client anyway.
 */
final class ReadinessHealthCheckHandler implements HealthCheckHandler, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadinessHealthCheckHandler.class);

    private final ObjectProvider<HealthEndpoint> health;
    private final String group;
    private volatile boolean running;
    private volatile InstanceStatus reported = InstanceStatus.UNKNOWN;

    ReadinessHealthCheckHandler(ObjectProvider<HealthEndpoint> health, String group) {
        this.health = health;
        this.group = group;
    }

    @Override
    public InstanceStatus getStatus(InstanceStatus currentStatus) {
        if (!running) {
            return currentStatus;
        }
        HealthEndpoint endpoint = health.getIfAvailable();
        InstanceStatus status = endpoint == null ? InstanceStatus.UNKNOWN : statusOf(endpoint.healthForPath(group));
        if (status != reported) {
            log.atInfo().addKeyValue("event.action", "discovery-status-changed")
                    .addKeyValue("health.group", group).addKeyValue("discovery.status", status.name())
                    .log("Reporting {} to Eureka ({} is {})", status, group, status);
            reported = status;
        }
        return status;
    }

    static InstanceStatus statusOf(@Nullable HealthDescriptor descriptor) {
        if (descriptor == null) {
            return InstanceStatus.UNKNOWN;
        }
        Status status = descriptor.getStatus();
        if (Status.UP.equals(status)) {
            return InstanceStatus.UP;
        }
        if (Status.OUT_OF_SERVICE.equals(status)) {
            return InstanceStatus.OUT_OF_SERVICE;
        }
        if (Status.DOWN.equals(status)) {
            return InstanceStatus.DOWN;
        }
        return InstanceStatus.UNKNOWN;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
