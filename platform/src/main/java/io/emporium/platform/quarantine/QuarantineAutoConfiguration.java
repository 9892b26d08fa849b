package io.emporium.platform.quarantine;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Makes every {@link Quarantine} bean visible: the {@code quarantine} actuator endpoint lists them, and a gauge
 * {@code emporium.quarantined{kind}} per bean counts their items (NaN while the count cannot be read, e.g. the
 * database is down, so an outage does not read as "nothing quarantined").
 */
@AutoConfiguration
class QuarantineAutoConfiguration {

    @Bean
    QuarantineEndpoint quarantineEndpoint(ObjectProvider<Quarantine> quarantines) {
        return new QuarantineEndpoint(quarantines.orderedStream().toList());
    }

    @Bean
    SmartInitializingSingleton quarantineGauges(ObjectProvider<Quarantine> quarantines,
            ObjectProvider<MeterRegistry> meters) {
        return () -> {
            MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
            List<Quarantine> all = quarantines.orderedStream().toList();
            for (Quarantine quarantine : all) {
                Gauge.builder("emporium.quarantined", quarantine, QuarantineAutoConfiguration::countOrNaN)
                        .description("Work items set aside because they could not be handled (listed by "
                                + "/actuator/quarantine)")
                        .tag("kind", quarantine.kind())
                        .register(registry);
            }
        };
    }

    private static double countOrNaN(Quarantine quarantine) {
        try {
            return quarantine.count();
        }
        catch (RuntimeException ex) {
            return Double.NaN;
        }
    }
}
