package io.emporium.runner.supervision;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import io.emporium.runner.Workspace;
import io.emporium.runner.infra.EmbeddedPostgresPart;
import io.emporium.runner.infra.ExternalKafkaPart;
import io.emporium.runner.infra.ExternalPostgresPart;
import io.emporium.runner.infra.KafkaBroker;
import io.emporium.runner.infra.KafkaProbe;
import io.emporium.runner.infra.PostgresUrl;
import io.emporium.runner.infra.ZipkinServer;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.AotCache;
import io.emporium.runner.process.Backoff;
import io.emporium.runner.process.HttpReadiness;
import io.emporium.runner.process.Part;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.PortCheck;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.process.ProcessSpec;
import io.emporium.runner.process.Readiness;
import io.emporium.runner.topology.InfraPart;
import io.emporium.runner.topology.ServiceDatabase;
import io.emporium.runner.topology.ServiceSpec;
import io.emporium.runner.topology.Topology;

/** Builds the supervisor's parts from a plan: which process, which flags and environment, which readiness check. */
final class Assembly {

    /** Small-footprint defaults for a service JVM; a service's {@code jvm:} flags come after and win. */
    static final List<String> SERVICE_JVM_FLAGS = serviceJvmFlags(Runtime.version().feature());
    static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(180);
    static final Duration INFRA_READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * The defaults for a service JVM of the given Java version. From Java 23 on, libraries that still use
     * {@code sun.misc.Unsafe} (xstream in the Eureka server, ...) make the JVM print warnings on stderr, which would
     * be the only lines of a service log that are not JSON; the flag that allows that access exists from 23 on.
     * From Java 25 on, compact object headers (JEP 519) shrink every object by 4 bytes: 10-20 MB less RSS per
     * service, measured on the gateway.
     */
    static List<String> serviceJvmFlags(int javaVersion) {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss256k", "-Xms32m", "-Xmx160m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m",
                "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED"));
        if (javaVersion >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (javaVersion >= 25) {
            flags.add("-XX:+UseCompactObjectHeaders");
        }
        return List.copyOf(flags);
    }

    private final Workspace workspace;
    private final SystemPlan plan;
    private final Runnable onChange;
    private final ScheduledExecutorService scheduler;
    private final RunnerLog log;
    private final Backoff backoff;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Assembly(Workspace workspace, SystemPlan plan, Runnable onChange, ScheduledExecutorService scheduler,
             RunnerLog log, Backoff backoff) {
        this.workspace = workspace;
        this.plan = plan;
        this.onChange = onChange;
        this.scheduler = scheduler;
        this.log = log;
        this.backoff = backoff;
    }

    List<Supervisor.Group> groups() {
        Topology topology = plan.topology();
        List<Supervisor.Group> groups = new ArrayList<>();
        AotCache aot = new AotCache(workspace.aotDir(), java, plan.options().aot(), log);
        ServiceEnvironment environment = environment(topology);
        Set<Integer> reserved = reservedPorts(topology);
        for (String name : plan.parts()) {
            List<String> dependsOn = topology.dependenciesOf(name).stream().filter(plan::runs).toList();
            InfraPart infra = InfraPart.named(name).orElse(null);
            if (infra != null) {
                groups.add(new Supervisor.Group(name, List.of(infraPart(infra, topology)), dependsOn));
                continue;
            }
            ServiceSpec service = topology.service(name).orElseThrow();
            List<Part> instances = new ArrayList<>();
            int port = service.port();
            for (int instance = 1; instance <= service.instances(); instance++) {
                if (instance > 1) {
                    port = PortCheck.nextFree(port + 1, reserved);
                    reserved.add(port);
                }
                instances.add(servicePart(service, instance, port, environment, aot, topology));
            }
            groups.add(new Supervisor.Group(name, instances, dependsOn));
        }
        return groups;
    }

    private Part infraPart(InfraPart infra, Topology topology) {
        boolean external = plan.options().external();
        List<ServiceDatabase> databases = plan.services().stream()
                .flatMap(service -> service.optionalDatabase().stream()).toList();
        return switch (infra) {
            case POSTGRES -> external
                    ? new ExternalPostgresPart(state("postgres", 0, "infra", 0, null),
                            PostgresUrl.parse(plan.options().postgresUrl()), databases)
                    : new EmbeddedPostgresPart(state("postgres", 0, "infra", topology.postgres().port(), "postgres.log"),
                            workspace.postgresData(), topology.postgres().port(),
                            workspace.logFile("postgres.log"), databases, log);
            case KAFKA -> external
                    ? new ExternalKafkaPart(state("kafka", 0, "infra", 0, null), plan.options().kafkaBootstrap())
                    : new ProcessPart(state("kafka", 0, "infra", topology.kafka().port(), "kafka.log"),
                            List.of(topology.kafka().port(), topology.kafka().controllerPort()),
                            new KafkaBroker(workspace.kafkaLib(), workspace.kafkaDir(), topology.kafka(), java,
                                    workspace.logFile("kafka.log")).launch(),
                            new KafkaProbe("127.0.0.1", topology.kafka().port()), INFRA_READY_TIMEOUT, STOP_GRACE,
                            backoff, scheduler, log, workspace.logFile("kafka.log"));
            case ZIPKIN -> new ProcessPart(state("zipkin", 0, "infra", topology.zipkin().port(), "zipkin.log"),
                    List.of(topology.zipkin().port()),
                    ZipkinServer.launch(java, workspace.zipkinJar(), topology.zipkin().port(), workspace.var(),
                            workspace.logFile("zipkin.log")),
                    ZipkinServer.readiness(topology.zipkin().port()), INFRA_READY_TIMEOUT, STOP_GRACE,
                    backoff, scheduler, log, workspace.logFile("zipkin.log"));
        };
    }

    private Part servicePart(ServiceSpec service, int instance, int port, ServiceEnvironment environment,
                             AotCache aot, Topology topology) {
        String logName = service.name() + "-" + instance + ".jsonl";
        Path logFile = workspace.logFile(logName);
        java.util.Map<String, String> env = environment.forInstance(service, instance, port);
        List<String> flags = new ArrayList<>(SERVICE_JVM_FLAGS);
        flags.addAll(service.jvm());
        Path jar = service.jar(workspace.home());
        ProcessPart.Launch launch = preparation -> {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(flags);
            command.addAll(aot.prepare(service.name(), jar, flags, env, preparation));
            return new ProcessSpec(command, env, workspace.home(), logFile);
        };
        Readiness readiness = new HttpReadiness("http://127.0.0.1:" + port + "/actuator/health/readiness");
        if (service.registers() && plan.runs(topology.discovery())) {
            Readiness http = readiness;
            EurekaReadiness registered = new EurekaReadiness(eurekaUrl(topology), service.name(), port);
            readiness = new Readiness() {
                @Override
                public boolean isReady() {
                    return http.isReady() && registered.isReady();
                }

                @Override
                public String toString() {
                    return http + " and " + registered;
                }
            };
        }
        return new ProcessPart(state(service.name(), instance, "service", port, logName), List.of(port), launch,
                readiness, SERVICE_READY_TIMEOUT, STOP_GRACE, backoff, scheduler, log, logFile);
    }

    private ServiceEnvironment environment(Topology topology) {
        String jdbcBase;
        if (plan.options().external() && plan.options().postgresUrl() != null) {
            jdbcBase = PostgresUrl.parse(plan.options().postgresUrl()).jdbcUrl("");
        } else {
            jdbcBase = "jdbc:postgresql://127.0.0.1:" + topology.postgres().port() + "/";
        }
        String kafka = plan.options().external() && plan.options().kafkaBootstrap() != null
                ? plan.options().kafkaBootstrap() : topology.kafka().bootstrapServers();
        return new ServiceEnvironment(jdbcBase, kafka,
                "http://127.0.0.1:" + topology.zipkin().port() + "/api/v2/spans",
                topology.discovery() == null ? null : eurekaUrl(topology));
    }

    static String eurekaUrl(Topology topology) {
        return "http://127.0.0.1:" + topology.discoveryService().orElseThrow().port() + "/eureka/";
    }

    private static Set<Integer> reservedPorts(Topology topology) {
        Set<Integer> reserved = new HashSet<>(List.of(topology.postgres().port(), topology.kafka().port(),
                topology.kafka().controllerPort(), topology.zipkin().port()));
        topology.services().forEach(service -> reserved.add(service.port()));
        return reserved;
    }

    private PartState state(String name, int instance, String kind, int port, String logName) {
        String id = instance == 0 ? name : name + "#" + instance;
        return new PartState(id, name, instance, kind, port, logName == null ? null : "var/logs/" + logName, onChange);
    }
}
