package io.emporium.runner.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.emporium.runner.topology.InfraPart;
import io.emporium.runner.topology.RegistryLogin;
import io.emporium.runner.topology.Topology;
import io.emporium.runner.topology.TopologyLoader;

class SystemPlanTest {

    private final Topology topology = TopologyLoader.parse("""
            infrastructure: { postgres: { port: 5433 }, kafka: { port: 9092 }, zipkin: { port: 9411 } }
            discovery: registry
            services:
              registry: { port: 8761, registers: false }
              catalog:  { port: 8081, database: catalog, depends_on: [postgres, registry] }
              gateway:  { port: 8080, depends_on: [registry, catalog] }
            """);

    @Test
    void startsEverythingInDependencyOrderByDefault() {
        SystemPlan plan = SystemPlan.of(topology, new RunOptions(false, null, null, Set.of(), true));

        assertThat(plan.parts()).containsExactly("postgres", "kafka", "zipkin", "registry", "catalog", "gateway");
        assertThat(plan.starts(InfraPart.POSTGRES)).isTrue();
    }

    @Test
    void leavesOutSkippedParts() {
        SystemPlan plan = SystemPlan.of(topology, new RunOptions(false, null, null, Set.of("gateway", "zipkin"), true));

        assertThat(plan.parts()).containsExactly("postgres", "kafka", "registry", "catalog");
    }

    @Test
    void refusesToSkipWhatARunningPartNeeds() {
        assertThatThrownBy(() -> SystemPlan.of(topology, new RunOptions(false, null, null, Set.of("registry"), true)))
                .hasMessageStartingWith("catalog depends on registry, which is skipped");
        assertThatThrownBy(() -> SystemPlan.of(topology, new RunOptions(false, null, null, Set.of("nope"), true)))
                .hasMessageStartingWith("cannot skip 'nope': no such part");
    }

    @Test
    void externalNeedsBothUrls() {
        assertThatThrownBy(() -> SystemPlan.of(topology, new RunOptions(true, null, "127.0.0.1:9092", Set.of(), true)))
                .hasMessageContaining("--postgres-url");
        assertThatThrownBy(() -> SystemPlan.of(topology,
                new RunOptions(true, "postgresql://postgres@127.0.0.1:5432", null, Set.of(), true)))
                .hasMessageContaining("--kafka-bootstrap");

        SystemPlan plan = SystemPlan.of(topology,
                new RunOptions(true, "postgresql://postgres@127.0.0.1:5432", "127.0.0.1:9092", Set.of(), true));
        assertThat(plan.starts(InfraPart.POSTGRES)).isFalse();
        assertThat(plan.starts(InfraPart.ZIPKIN)).isTrue();
    }

    @Test
    void givesEachServiceInstanceTheEnvironmentContract() {
        ServiceEnvironment environment = new ServiceEnvironment("jdbc:postgresql://127.0.0.1:5433/", "127.0.0.1:9092",
                "http://127.0.0.1:9411/api/v2/spans", "http://127.0.0.1:8761/eureka/", topology.discovery(),
                topology.services());

        var env = environment.forInstance(topology.service("catalog").orElseThrow(), 2, 8087);

        assertThat(env)
                .containsEntry("SERVER_PORT", "8087")
                .containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("EMPORIUM_INSTANCE_ID", "catalog-2")
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5433/catalog")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "catalog")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "catalog-dev-only")
                .containsEntry("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", "http://127.0.0.1:8761/eureka/")
                .containsEntry("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", "http://127.0.0.1:9411/api/v2/spans")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("EMPORIUM_REGISTRY_PASSWORD", "catalog-registry-dev-only");
        assertThat(environment.forInstance(topology.service("gateway").orElseThrow(), 1, 8080))
                .doesNotContainKey("SPRING_DATASOURCE_URL");
    }

    @Test
    void eurekaListingCountsOnlyAnInstanceUpOnThatPort() {
        EurekaReadiness readiness = new EurekaReadiness("http://127.0.0.1:1/eureka/", RegistryLogin.RUNNER, "catalog",
                8081);

        assertThat(readiness.listsInstanceUp("""
                {"application":{"name":"CATALOG","instance":[
                  {"instanceId":"catalog-2","status":"UP","port":{"$":8087,"@enabled":"true"}},
                  {"instanceId":"catalog-1","status":"UP","port":{"$":8081,"@enabled":"true"}}]}}""")).isTrue();
        assertThat(readiness.listsInstanceUp("""
                {"application":{"name":"CATALOG","instance":{"status":"STARTING","port":{"$":8081}}}}""")).isFalse();
        assertThat(readiness.listsInstanceUp("not json")).isFalse();
    }

    @Test
    void runsAsManyInstancesAsScaleSaysElseAsTheTopologySays() {
        SystemPlan plan = SystemPlan.of(topology, new RunOptions(false, null, null, Set.of(), true,
                Map.of("catalog", 3)));

        assertThat(plan.instances(topology.service("catalog").orElseThrow())).isEqualTo(3);
        assertThat(plan.instances(topology.service("gateway").orElseThrow())).isEqualTo(1);
        assertThat(new RunOptions(false, null, null, Set.of(), true, Map.of("gateway", 2, "catalog", 3)).toArguments())
                .containsExactly("--scale=catalog=3", "--scale=gateway=2");
    }

    @Test
    void refusesToScaleWhatIsNoServiceOrToNoInstance() {
        assertThatThrownBy(() -> plan(Map.of("catalgo", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot scale 'catalgo': no such service (services: registry, catalog, gateway)");
        assertThatThrownBy(() -> plan(Map.of("kafka", 2)))
                .hasMessage("cannot scale kafka: it is infrastructure, of which one runs; only services can run "
                        + "several instances");
        assertThatThrownBy(() -> plan(Map.of("registry", 2)))
                .hasMessage("cannot scale registry: it is the discovery service, and every service knows only its "
                        + "first instance");
        assertThatThrownBy(() -> plan(Map.of("catalog", 0)))
                .hasMessageStartingWith("cannot scale catalog to 0 instances: at least 1");
        assertThatThrownBy(() -> SystemPlan.of(topology, new RunOptions(false, null, null, Set.of("gateway"), true,
                Map.of("gateway", 2))))
                .hasMessage("cannot scale gateway: it is skipped (--skip gateway)");
    }

    private SystemPlan plan(Map<String, Integer> scale) {
        return SystemPlan.of(topology, new RunOptions(false, null, null, Set.of(), true, scale));
    }
}
