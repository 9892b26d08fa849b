package io.emporium.runner.supervision;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import io.emporium.runner.Workspace;
import io.emporium.runner.infra.EmbeddedPostgresPart;
import io.emporium.runner.infra.ExternalKafkaPart;
import io.emporium.runner.infra.ExternalPostgresPart;
import io.emporium.runner.infra.KafkaBroker;
import io.emporium.runner.infra.KafkaProbe;
import io.emporium.runner.infra.PostgresCluster;
import io.emporium.runner.infra.PostgresUrl;
import io.emporium.runner.infra.ZipkinServer;
import io.emporium.runner.logs.RunnerLog;
import io.emporium.runner.process.AotCache;
import io.emporium.runner.process.Backoff;
import io.emporium.runner.process.HttpLiveness;
import io.emporium.runner.process.HttpReadiness;
import io.emporium.runner.process.JvmOptionVariables;
import io.emporium.runner.process.Processes;
import io.emporium.runner.process.LivenessWatch;
import io.emporium.runner.process.Part;
import io.emporium.runner.process.PartStatus;
import io.emporium.runner.process.PartState;
import io.emporium.runner.process.PortCheck;
import io.emporium.runner.process.ProcessPart;
import io.emporium.runner.process.ProcessSpec;
import io.emporium.runner.process.Readiness;
import io.emporium.runner.topology.InfraPart;
import io.emporium.runner.topology.LivenessSpec;
import io.emporium.runner.topology.RegistryLogin;
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
    static final Duration LIVENESS_TIMEOUT = Duration.ofSeconds(2);

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
    private final AotCache aot;
    private final ServiceEnvironment environment;
    /** Every port given out or declared; guarded by itself, since instances are added while the system runs. */
    private final Set<Integer> reserved;

    Assembly(Workspace workspace, SystemPlan plan, Runnable onChange, ScheduledExecutorService scheduler,
             RunnerLog log, Backoff backoff) {
        this.workspace = workspace;
        this.plan = plan;
        this.onChange = onChange;
        this.scheduler = scheduler;
        this.log = log;
        this.backoff = backoff;
        this.aot = new AotCache(workspace.aotDir(), java, plan.options().aot(), log);
        this.environment = environment(plan.topology());
        this.reserved = reservedPorts(plan.topology());
    }

    /**
     * One group per part of the plan, in start order. A service has {@link SystemPlan#instances} instances: the
     * first on the service's port, further ones on the next free ports; every service but the discovery service can
     * be scaled while the system runs.
     */
    List<Supervisor.Group> groups() {
        Topology topology = plan.topology();
        List<Supervisor.Group> groups = new ArrayList<>();
        for (String name : plan.parts()) {
            List<String> dependsOn = topology.dependenciesOf(name).stream().filter(plan::runs).toList();
            InfraPart infra = InfraPart.named(name).orElse(null);
            if (infra != null) {
                groups.add(new Supervisor.Group(name, List.of(infraPart(infra, topology)), dependsOn));
                continue;
            }
            ServiceSpec service = topology.service(name).orElseThrow();
            ServiceInstances scaling = new ServiceInstances(service);
            List<Part> instances = new ArrayList<>();
            for (int instance = 1; instance <= plan.instances(service); instance++) {
                instances.add(scaling.create(instance));
            }
            groups.add(new Supervisor.Group(name, instances, dependsOn,
                    name.equals(topology.discovery()) ? null : scaling));
        }
        return groups;
    }

    /** The instances of one service and their ports: the first on the service's own, each next on the next free. */
    private final class ServiceInstances implements Supervisor.Scaling {

        private final ServiceSpec service;
        private final Map<Integer, Integer> ports = new HashMap<>();

        ServiceInstances(ServiceSpec service) {
            this.service = service;
        }

        @Override
        public Part create(int instance) {
            int port;
            synchronized (reserved) {
                if (instance == 1) {
                    port = service.port();
                } else {
                    port = PortCheck.nextFree(ports.getOrDefault(instance - 1, service.port()) + 1, reserved);
                    reserved.add(port);
                }
                ports.put(instance, port);
            }
            return servicePart(service, instance, port, plan.topology());
        }

        @Override
        public void release(Part part) {
            PartStatus status = part.state().snapshot();
            synchronized (reserved) {
                ports.remove(status.instance());
                if (status.instance() > 1) {
                    reserved.remove(status.port());
                }
            }
        }
    }

    private Part infraPart(InfraPart infra, Topology topology) {
        boolean external = plan.options().external();
        List<ServiceDatabase> databases = plan.services().stream()
                .flatMap(service -> service.optionalDatabase().stream()).toList();
        return switch (infra) {
            case POSTGRES -> external
                    ? new ExternalPostgresPart(state("postgres", 0, "infra", 0, null),
                            PostgresUrl.parse(plan.options().postgresUrl()), databases)
                    : embeddedPostgres(topology.postgres().port(), databases);
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

    private Part embeddedPostgres(int port, List<ServiceDatabase> databases) {
        Path logFile = workspace.logFile("postgres.log");
        PostgresCluster cluster = new PostgresCluster(workspace.postgresBinaries(), workspace.postgresData(), port,
                logFile);
        ProcessPart server = new ProcessPart(state("postgres", 0, "infra", port, "postgres.log"), List.of(port),
                cluster.launch(), cluster.readiness(), INFRA_READY_TIMEOUT, STOP_GRACE, backoff, scheduler, log,
                logFile);
        return new EmbeddedPostgresPart(server, cluster, databases, logFile, log);
    }

    private Part servicePart(ServiceSpec service, int instance, int port, Topology topology) {
        String logName = service.name() + "-" + instance + ".jsonl";
        Path logFile = workspace.logFile(logName);
        java.util.Map<String, String> env = environment.forInstance(service, instance, port);
        List<String> flags = serviceFlags(service, System.getenv());
        Path jar = service.jar(workspace.home());
        ProcessPart.Launch launch = preparation -> {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(flags);
            command.addAll(aot.prepare(service.name(), jar, flags, env, preparation));
            return new ProcessSpec(command, env, workspace.home(), logFile, Processes.TERM, JvmOptionVariables.NAMES);
        };
        Readiness readiness = new HttpReadiness("http://127.0.0.1:" + port + "/actuator/health/readiness");
        if (service.registers() && plan.runs(topology.discovery())) {
            Readiness http = readiness;
            EurekaReadiness registered = new EurekaReadiness(eurekaUrl(topology), RegistryLogin.RUNNER,
                    service.name(), port);
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
                readiness, SERVICE_READY_TIMEOUT, STOP_GRACE, backoff, scheduler, log, logFile,
                livenessWatch(topology.liveness(), port));
    }

    /**
     * A service JVM's flags: the options of the supervisor's JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS (which the JVM
     * would otherwise announce on the first line of the JSON log), the small-footprint defaults, the service's own
     * {@code jvm:} flags, then _JAVA_OPTIONS' (which override the command line).
     */
    static List<String> serviceFlags(ServiceSpec service, Map<String, String> supervisorEnv) {
        List<String> flags = new ArrayList<>(JvmOptionVariables.before(supervisorEnv));
        flags.addAll(SERVICE_JVM_FLAGS);
        flags.addAll(service.jvm());
        flags.addAll(JvmOptionVariables.after(supervisorEnv));
        return flags;
    }

    /** {@code /actuator/health/liveness} every interval, each answer within 2 s; null when the watchdog is off. */
    static LivenessWatch livenessWatch(LivenessSpec spec, int port) {
        if (!spec.enabled()) {
            return null;
        }
        return new LivenessWatch(new HttpLiveness("http://127.0.0.1:" + port + "/actuator/health/liveness",
                LIVENESS_TIMEOUT), spec.interval(), spec.failures());
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
                topology.discovery() == null ? null : eurekaUrl(topology), topology.discovery(), topology.services());
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
