package io.emporium.runner.supervision;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.emporium.runner.topology.ServiceSpec;
import io.emporium.runner.topology.TopologyLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmFlagsTest {

    @Test
    void usesOnlyFlagsTheServiceJavaVersionKnows() {
        assertThat(Assembly.serviceJvmFlags(21)).contains("-XX:+UseSerialGC", "-Xmx160m")
                .doesNotContain("--sun-misc-unsafe-memory-access=allow", "-XX:+UseCompactObjectHeaders");
        assertThat(Assembly.serviceJvmFlags(23)).contains("--sun-misc-unsafe-memory-access=allow")
                .doesNotContain("-XX:+UseCompactObjectHeaders");
        assertThat(Assembly.serviceJvmFlags(25))
                .contains("--sun-misc-unsafe-memory-access=allow", "-XX:+UseCompactObjectHeaders");
    }

    @Test
    void aServiceGetsTheSupervisorsJvmOptionVariablesOnItsCommandLineAroundItsOwnFlags() {
        ServiceSpec shop = TopologyLoader.parse("""
                infrastructure:
                  postgres: { port: 15433 }
                  kafka:    { port: 19092, controller_port: 19093 }
                  zipkin:   { port: 19411 }
                services:
                  shop: { port: 18081, registers: false, jvm: [-Xmx200m] }
                """).service("shop").orElseThrow();

        List<String> flags = Assembly.serviceFlags(shop, Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=/tmp/fresh",
                "_JAVA_OPTIONS", "-Dlast=word"));

        assertThat(flags.getFirst()).isEqualTo("-Djava.io.tmpdir=/tmp/fresh");
        assertThat(flags).containsSubsequence("-Djava.io.tmpdir=/tmp/fresh", "-Xmx160m", "-Xmx200m", "-Dlast=word");
        assertThat(flags.getLast()).isEqualTo("-Dlast=word");
    }
}
