package io.emporium.runner.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TopologyLoaderTest {

    private static final String INFRA = """
            infrastructure:
              postgres: { port: 5433 }
              kafka:    { port: 9092, controller_port: 9093 }
              zipkin:   { port: 9411 }
            discovery: registry
            """;

    @Test
    void readsTheRepositoryTopology() {
        Topology topology = TopologyLoader.load(Path.of(System.getProperty("emporium.home", "..")).resolve("emporium.yaml"));

        assertThat(topology.postgres().port()).isEqualTo(5433);
        assertThat(topology.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(topology.kafka().controllerPort()).isEqualTo(9093);
        assertThat(topology.zipkin().port()).isEqualTo(9411);
        assertThat(topology.discovery()).isEqualTo("registry");
        assertThat(topology.services()).extracting(ServiceSpec::name).startsWith("registry", "identity", "catalog")
                .contains("gateway");
        ServiceSpec registry = topology.service("registry").orElseThrow();
        assertThat(registry.port()).isEqualTo(8761);
        assertThat(registry.registers()).isFalse();
        assertThat(registry.dependsOn()).isEmpty();
        ServiceSpec catalog = topology.service("catalog").orElseThrow();
        assertThat(catalog.port()).isEqualTo(8081);
        assertThat(catalog.registers()).isTrue();
        assertThat(catalog.instances()).isEqualTo(1);
        assertThat(catalog.database()).isEqualTo(new ServiceDatabase("catalog", "catalog", "catalog-dev-only"));
        assertThat(catalog.jar(Path.of("/repo"))).isEqualTo(Path.of("/repo/services/catalog/target/emporium-catalog.jar"));
        assertThat(topology.dependenciesOf("gateway")).contains("registry", "catalog");
        assertThat(topology.logs()).isEqualTo(new LogsSpec(20L * 1024 * 1024, 500L * 1024 * 1024, Duration.ofDays(7)));
        assertThat(topology.liveness().enabled()).isTrue();
    }

    @Test
    void theRepositoryTopologyRunsIdentityWithoutMakingAnyServiceWaitForIt() {
        Topology topology = TopologyLoader.load(Path.of(System.getProperty("emporium.home", "..")).resolve("emporium.yaml"));

        ServiceSpec identity = topology.service("identity").orElseThrow();
        assertThat(identity.port()).isEqualTo(9000);
        assertThat(identity.database()).isEqualTo(new ServiceDatabase("identity", "identity", "identity-dev-only"));
        assertThat(identity.registers()).isTrue();
        assertThat(topology.dependenciesOf("identity")).containsExactly("postgres", "registry");
        assertThat(identity.env()).containsEntry("EMPORIUM_IDENTITY_DEMO_USERS", "true");
        // resource servers read identity's keys lazily: identity failing to start must not hold any of them back
        assertThat(topology.services()).allSatisfy(service ->
                assertThat(topology.dependenciesOf(service.name())).doesNotContain("identity"));
        // orders-service authenticates with the secret identity registers for it
        assertThat(topology.service("orders").orElseThrow().env().get("EMPORIUM_SECURITY_CLIENT_SECRET"))
                .isNotBlank()
                .isEqualTo(identity.env().get("EMPORIUM_IDENTITY_CLIENTS_ORDERS_SERVICE_SECRET"));
    }

    @Test
    void appliesDefaultsAndImplicitDependencies() {
        Topology topology = TopologyLoader.parse(INFRA + """
                services:
                  registry: { port: 8761, registers: false }
                  orders:   { port: 8082, database: orders, instances: 2, env: { A: 1, B: "two" }, jvm: [-Xmx200m] }
                """);

        ServiceSpec orders = topology.service("orders").orElseThrow();
        assertThat(orders.module()).isEqualTo("services/orders");
        assertThat(orders.instances()).isEqualTo(2);
        assertThat(orders.env()).containsEntry("A", "1").containsEntry("B", "two");
        assertThat(orders.jvm()).containsExactly("-Xmx200m");
        assertThat(topology.dependenciesOf("orders")).containsExactly("postgres", "registry");
    }

    @Test
    void ordersStartInDependencyLevels() {
        Topology topology = TopologyLoader.parse(INFRA + """
                services:
                  gateway:  { port: 8080, depends_on: [registry, catalog] }
                  catalog:  { port: 8081, database: catalog, depends_on: [postgres, registry] }
                  registry: { port: 8761, registers: false }
                """);

        assertThat(topology.startLevels()).containsExactly(
                List.of("postgres", "kafka", "zipkin", "registry"),
                List.of("catalog"),
                List.of("gateway"));
    }

    @Test
    void rejectsAnUnknownDependency() {
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + """
                services:
                  registry: { port: 8761, registers: false }
                  catalog:  { port: 8081, depends_on: [regsitry] }
                """))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("services.catalog.depends_on: unknown part 'regsitry'")
                .hasMessageContaining("known: postgres, kafka, zipkin, registry, catalog");
    }

    @Test
    void rejectsACycleAndNamesIt() {
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + """
                services:
                  registry: { port: 8761, registers: false }
                  a: { port: 8001, depends_on: [b] }
                  b: { port: 8002, depends_on: [c] }
                  c: { port: 8003, depends_on: [a] }
                """))
                .isInstanceOf(TopologyException.class)
                .hasMessage("dependency cycle: a -> b -> c -> a");
    }

    @Test
    void rejectsAPortDeclaredTwice() {
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + """
                services:
                  registry: { port: 8761, registers: false }
                  catalog:  { port: 8081 }
                  orders:   { port: 8081 }
                """))
                .isInstanceOf(TopologyException.class)
                .hasMessage("port 8081 is declared twice: by catalog and by orders");
    }

    @Test
    void rejectsAServicePortThatInfrastructureUses() {
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + """
                services:
                  registry: { port: 9092, registers: false }
                """))
                .hasMessage("port 9092 is declared twice: by kafka and by registry");
    }

    @Test
    void rejectsUnknownKeysWithTheirPlace() {
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + """
                services:
                  registry: { port: 8761, registers: false, depend_on: [postgres] }
                """))
                .hasMessageStartingWith("services.registry: unknown key 'depend_on'");
    }

    @Test
    void rejectsADiscoveryServiceThatRegistersInItself() {
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + """
                services:
                  registry: { port: 8761 }
                """))
                .hasMessageContaining("the discovery service cannot register in itself");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + "services:\n  registry: { port: 8761, registers: false, instances: 0 }\n"))
                .hasMessageContaining("services.registry.instances: must be at least 1");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + "services:\n  registry: { port: eighty, registers: false }\n"))
                .hasMessageContaining("services.registry.port: expected a whole number");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + "services:\n  registry: { registers: false }\n"))
                .hasMessage("services.registry.port: missing");
        assertThatThrownBy(() -> TopologyLoader.parse("services: [a\n"))
                .hasMessageStartingWith("not valid YAML");
        assertThatThrownBy(() -> TopologyLoader.load(Path.of("does-not-exist.yaml")))
                .hasMessage("topology file not found: does-not-exist.yaml");
    }

    @Test
    void keepsLogsWithinTheDefaultLimitsWhenTheTopologySaysNothing() {
        Topology topology = TopologyLoader.parse(INFRA + "services:\n  registry: { port: 8761, registers: false }\n");

        assertThat(topology.logs()).isEqualTo(LogsSpec.DEFAULTS);
        assertThat(LogsSpec.DEFAULTS).isEqualTo(new LogsSpec(20L << 20, 500L << 20, Duration.ofDays(7)));
    }

    @Test
    void readsTheLogLimitsInKilobytesToGigabytesAndSecondsToDays() {
        String services = "services:\n  registry: { port: 8761, registers: false }\n";

        assertThat(TopologyLoader.parse(INFRA + services + "logs: { max-file-size: 512KB, max-total-size: 2GB, max-age: 12h }\n")
                .logs()).isEqualTo(new LogsSpec(512 * 1024, 2L * 1024 * 1024 * 1024, Duration.ofHours(12)));
        assertThat(TopologyLoader.parse(INFRA + services + """
                logs:
                  max-file-size: 1 mb
                  max-age: 90s
                """).logs()).isEqualTo(new LogsSpec(1024 * 1024, 500L << 20, Duration.ofSeconds(90)));
        assertThat(TopologyLoader.parse(INFRA + services + "logs: { max-age: 30m }\n").logs().maxAge())
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(TopologyLoader.parse(INFRA + services + "logs: { max-age: 2d }\n").logs().maxAge())
                .isEqualTo(Duration.ofDays(2));
    }

    @Test
    void rejectsBadLogLimitsNamingTheKey() {
        String services = "services:\n  registry: { port: 8761, registers: false }\n";

        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "logs: { max-file-size: 20 }\n"))
                .isInstanceOf(TopologyException.class)
                .hasMessage("logs.max-file-size: expected a size with its unit, such as 512KB, 20MB or 1GB, was '20'");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "logs: { max-file-size: 20TB }\n"))
                .hasMessageStartingWith("logs.max-file-size: expected a size with its unit");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "logs: { max-total-size: 0MB }\n"))
                .hasMessage("logs.max-total-size: must be more than 0 and less than 8 EB, was '0MB'");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "logs: { max-age: 1w }\n"))
                .hasMessage("logs.max-age: expected a duration with its unit, such as 90s, 30m, 12h or 7d, was '1w'");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "logs: { max-age: 0d }\n"))
                .hasMessage("logs.max-age: must be more than 0, was '0d'");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "logs: { max-age: -1d }\n"))
                .hasMessageStartingWith("logs.max-age: expected a duration");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "logs: { max_file_size: 20MB }\n"))
                .hasMessageStartingWith("logs: unknown key 'max_file_size' (known: max-age, max-file-size, max-total-size)");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "logs: 20MB\n"))
                .hasMessage("logs: expected a mapping");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services
                + "logs: { max-file-size: 100MB, max-total-size: 50MB }\n"))
                .hasMessageStartingWith("logs.max-total-size: must be at least max-file-size");
    }

    @Test
    void watchesLivenessEveryFiveSecondsKillingAfterThreeFailuresWhenTheTopologySaysNothing() {
        Topology topology = TopologyLoader.parse(INFRA + "services:\n  registry: { port: 8761, registers: false }\n");

        assertThat(topology.liveness()).isEqualTo(LivenessSpec.DEFAULTS)
                .isEqualTo(new LivenessSpec(Duration.ofSeconds(5), 3));
        assertThat(topology.liveness().enabled()).isTrue();
    }

    @Test
    void readsTheLivenessWatchdogAndTurnsItOffWithZeroFailures() {
        String services = "services:\n  registry: { port: 8761, registers: false }\n";

        assertThat(TopologyLoader.parse(INFRA + services + "liveness: { interval: 500ms, failures: 5 }\n").liveness())
                .isEqualTo(new LivenessSpec(Duration.ofMillis(500), 5));
        assertThat(TopologyLoader.parse(INFRA + services + "liveness: { interval: 1m }\n").liveness())
                .isEqualTo(new LivenessSpec(Duration.ofMinutes(1), 3));
        LivenessSpec off = TopologyLoader.parse(INFRA + services + "liveness: { failures: 0 }\n").liveness();
        assertThat(off.enabled()).isFalse();
        assertThat(off.interval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsABadLivenessWatchdogNamingTheKey() {
        String services = "services:\n  registry: { port: 8761, registers: false }\n";

        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "liveness: { interval: 5 }\n"))
                .isInstanceOf(TopologyException.class)
                .hasMessage("liveness.interval: expected a duration with its unit, such as 500ms, 5s or 1m, was '5'");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "liveness: { interval: 0s }\n"))
                .hasMessage("liveness.interval: must be more than 0, was '0s'");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "liveness: { interval: 1h }\n"))
                .hasMessageStartingWith("liveness.interval: expected a duration with its unit");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "liveness: { failures: -1 }\n"))
                .hasMessage("liveness.failures: must be at least 0 (0 turns the watchdog off), was -1");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "liveness: { failures: three }\n"))
                .hasMessage("liveness.failures: expected a whole number, was 'three'");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "liveness: { timeout: 2s }\n"))
                .hasMessage("liveness: unknown key 'timeout' (known: failures, interval)");
        assertThatThrownBy(() -> TopologyLoader.parse(INFRA + services + "liveness: 5s\n"))
                .hasMessage("liveness: expected a mapping");
    }
}
