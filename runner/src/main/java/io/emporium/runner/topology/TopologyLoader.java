package io.emporium.runner.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code emporium.yaml} into a validated {@link Topology}. Every error names the offending key, e.g.
 * {@code services.catalog.depends_on: unknown part 'regsitry' (known: postgres, kafka, zipkin, registry, ...)}.
 */
public final class TopologyLoader {

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> TOP_LEVEL_KEYS =
            Set.of("infrastructure", "discovery", "services", "logs", "liveness");
    private static final Set<String> LOGS_KEYS = Set.of("max-file-size", "max-total-size", "max-age");
    private static final Set<String> LIVENESS_KEYS = Set.of("interval", "failures");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*([KMG]B)", Pattern.CASE_INSENSITIVE);
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})\\s*([smhd])", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)", Pattern.CASE_INSENSITIVE);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> SERVICE_KEYS =
            Set.of("port", "instances", "depends_on", "env", "registers", "database", "module", "jvm");

    private TopologyLoader() {
    }

    /** @throws TopologyException when the file is missing, is not YAML, or describes an invalid system */
    public static Topology load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new TopologyException("topology file not found: " + file);
        } catch (IOException e) {
            throw new TopologyException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws TopologyException when the text is not YAML or describes an invalid system */
    public static Topology parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new TopologyException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TopologyException("expected a mapping with keys " + TOP_LEVEL_KEYS);
        }
        requireKnownKeys(root, "", TOP_LEVEL_KEYS);
        JsonNode infra = object(root, "infrastructure");
        requireKnownKeys(infra, "infrastructure", Set.copyOf(InfraPart.names()));
        JsonNode postgres = object(infra, "postgres");
        JsonNode kafka = object(infra, "kafka");
        JsonNode zipkin = object(infra, "zipkin");
        requireKnownKeys(postgres, "infrastructure.postgres", Set.of("port"));
        requireKnownKeys(kafka, "infrastructure.kafka", Set.of("port", "controller_port"));
        requireKnownKeys(zipkin, "infrastructure.zipkin", Set.of("port"));
        Topology topology = new Topology(
                new PostgresSpec(port(postgres, "infrastructure.postgres.port", 5433)),
                new KafkaSpec(port(kafka, "infrastructure.kafka.port", 9092),
                        port(kafka, "infrastructure.kafka.controller_port", 9093)),
                new ZipkinSpec(port(zipkin, "infrastructure.zipkin.port", 9411)),
                root.has("discovery") ? text(root.get("discovery"), "discovery") : null,
                services(object(root, "services")),
                logs(object(root, "logs")),
                liveness(object(root, "liveness")));
        validate(topology);
        return topology;
    }

    private static List<ServiceSpec> services(JsonNode services) {
        List<ServiceSpec> result = new ArrayList<>();
        for (String name : services.propertyNames()) {
            String at = "services." + name;
            if (!SERVICE_NAME.matcher(name).matches()) {
                throw new TopologyException(at + ": a service name is lower-case letters, digits and dashes");
            }
            if (InfraPart.named(name).isPresent()) {
                throw new TopologyException(at + ": '" + name + "' is an infrastructure name");
            }
            JsonNode node = services.get(name);
            if (!node.isObject()) {
                throw new TopologyException(at + ": expected a mapping, e.g. { port: 8081 }");
            }
            requireKnownKeys(node, at, SERVICE_KEYS);
            if (!node.has("port")) {
                throw new TopologyException(at + ".port: missing");
            }
            int instances = optional(node, at, "instances", TopologyLoader::integer, 1);
            if (instances < 1) {
                throw new TopologyException(at + ".instances: must be at least 1, was " + instances);
            }
            ServiceDatabase database = null;
            if (node.has("database")) {
                String databaseName = text(node.get("database"), at + ".database");
                if (!DATABASE_NAME.matcher(databaseName).matches()) {
                    throw new TopologyException(at + ".database: '" + databaseName
                            + "' is not a plain SQL identifier (lower-case letters, digits, underscores)");
                }
                database = ServiceDatabase.named(databaseName);
            }
            result.add(new ServiceSpec(name,
                    optional(node, at, "module", TopologyLoader::text, "services/" + name),
                    port(node, at + ".port", 0),
                    instances,
                    list(node.get("depends_on"), at + ".depends_on"),
                    map(node.get("env"), at + ".env"),
                    optional(node, at, "registers", TopologyLoader::bool, true),
                    database,
                    list(node.get("jvm"), at + ".jvm")));
        }
        return result;
    }

    private static LogsSpec logs(JsonNode logs) {
        requireKnownKeys(logs, "logs", LOGS_KEYS);
        LogsSpec defaults = LogsSpec.DEFAULTS;
        long maxFileSize = optional(logs, "logs", "max-file-size", TopologyLoader::size, defaults.maxFileSize());
        long maxTotalSize = optional(logs, "logs", "max-total-size", TopologyLoader::size, defaults.maxTotalSize());
        Duration maxAge = optional(logs, "logs", "max-age", TopologyLoader::age, defaults.maxAge());
        if (maxTotalSize < maxFileSize) {
            throw new TopologyException("logs.max-total-size: must be at least max-file-size (" + maxFileSize
                    + " bytes), or every rotated file would be deleted as soon as it is written; was " + maxTotalSize
                    + " bytes");
        }
        return new LogsSpec(maxFileSize, maxTotalSize, maxAge);
    }

    private static LivenessSpec liveness(JsonNode liveness) {
        requireKnownKeys(liveness, "liveness", LIVENESS_KEYS);
        LivenessSpec defaults = LivenessSpec.DEFAULTS;
        Duration interval = optional(liveness, "liveness", "interval", TopologyLoader::interval, defaults.interval());
        int failures = optional(liveness, "liveness", "failures", TopologyLoader::integer, defaults.failures());
        if (failures < 0) {
            throw new TopologyException("liveness.failures: must be at least 0 (0 turns the watchdog off), was "
                    + failures);
        }
        return new LivenessSpec(interval, failures);
    }

    /** {@code 500ms}, {@code 5s}, {@code 1m}, more than zero. */
    private static Duration interval(JsonNode node, String at) {
        Matcher matcher = quantity(node, at, INTERVAL, "a duration with its unit, such as 500ms, 5s or 1m",
                "more than 0");
        return duration(Long.parseLong(matcher.group(1)), matcher.group(2));
    }

    /** {@code 512KB}, {@code 20MB}, {@code 1GB} (powers of 1024), more than zero. */
    private static long size(JsonNode node, String at) {
        String range = "more than 0 and less than 8 EB";
        Matcher matcher = quantity(node, at, SIZE, "a size with its unit, such as 512KB, 20MB or 1GB", range);
        long amount = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 10;
            case "MB" -> 20;
            default -> 30;
        };
        if (amount > Long.MAX_VALUE >> shift) {
            throw new TopologyException(at + ": must be " + range + ", was '" + node.asString() + "'");
        }
        return amount << shift;
    }

    /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, more than zero. */
    private static Duration age(JsonNode node, String at) {
        Matcher matcher = quantity(node, at, AGE, "a duration with its unit, such as 90s, 30m, 12h or 7d",
                "more than 0");
        return duration(Long.parseLong(matcher.group(1)), matcher.group(2));
    }

    /**
     * The node's text matched by {@code form}, whose first group is the amount and second its unit.
     *
     * @param expected what the text should be, for the message when it is not
     * @param range    what the amount should be, for the message when it is 0
     * @throws TopologyException when the node is no text of that form, or its amount is 0
     */
    private static Matcher quantity(JsonNode node, String at, Pattern form, String expected, String range) {
        Matcher matcher = form.matcher(node.isValueNode() ? node.asString().strip() : "");
        if (!node.isString() || !matcher.matches()) {
            throw new TopologyException(at + ": expected " + expected + ", was '" + node.asString() + "'");
        }
        if (Long.parseLong(matcher.group(1)) <= 0) {
            throw new TopologyException(at + ": must be " + range + ", was '" + node.asString() + "'");
        }
        return matcher;
    }

    /** {@code amount} of {@code unit}: {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, in any case. */
    private static Duration duration(long amount, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static void validate(Topology topology) {
        List<String> parts = topology.partNames();
        if (topology.discovery() != null) {
            ServiceSpec discovery = topology.discoveryService().orElseThrow(() -> new TopologyException(
                    "discovery: '" + topology.discovery() + "' is not a declared service"));
            if (discovery.registers()) {
                throw new TopologyException("services." + discovery.name()
                        + ".registers: the discovery service cannot register in itself; set registers: false");
            }
        }
        Map<Integer, String> ports = new LinkedHashMap<>();
        claimPort(ports, topology.postgres().port(), "postgres");
        claimPort(ports, topology.kafka().port(), "kafka");
        claimPort(ports, topology.kafka().controllerPort(), "kafka (controller)");
        claimPort(ports, topology.zipkin().port(), "zipkin");
        for (ServiceSpec service : topology.services()) {
            claimPort(ports, service.port(), service.name());
            for (String dependency : service.dependsOn()) {
                if (!parts.contains(dependency)) {
                    throw new TopologyException("services." + service.name() + ".depends_on: unknown part '"
                            + dependency + "' (known: " + String.join(", ", parts) + ")");
                }
            }
            if (service.registers() && topology.discovery() == null) {
                throw new TopologyException("services." + service.name()
                        + ".registers: no discovery service is declared (top-level key 'discovery')");
            }
        }
        DependencyGraph.of(topology).requireAcyclic();
    }

    private static void claimPort(Map<Integer, String> ports, int port, String owner) {
        String previous = ports.putIfAbsent(port, owner);
        if (previous != null) {
            throw new TopologyException("port " + port + " is declared twice: by " + previous + " and by " + owner);
        }
    }

    /** {@code parent}'s {@code key}, read by {@code read} (given the node and its path); {@code fallback} if absent. */
    private static <T> T optional(JsonNode parent, String at, String key, BiFunction<JsonNode, String, T> read,
                                  T fallback) {
        JsonNode node = parent.get(key);
        return node == null ? fallback : read.apply(node, at + "." + key);
    }

    private static void requireKnownKeys(JsonNode node, String at, Set<String> known) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw new TopologyException((at.isEmpty() ? "" : at + ": ") + "unknown key '" + key
                        + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static JsonNode object(JsonNode parent, String key) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new TopologyException(key + ": expected a mapping");
        }
        return node;
    }

    private static int port(JsonNode parent, String at, int fallback) {
        JsonNode node = parent.get(at.substring(at.lastIndexOf('.') + 1));
        int port = node == null ? fallback : integer(node, at);
        if (port < 1 || port > 65535) {
            throw new TopologyException(at + ": " + port + " is not a TCP port");
        }
        return port;
    }

    private static int integer(JsonNode node, String at) {
        if (!node.isInt()) {
            throw new TopologyException(at + ": expected a whole number, was '" + node.asString() + "'");
        }
        return node.intValue();
    }

    private static boolean bool(JsonNode node, String at) {
        if (!node.isBoolean()) {
            throw new TopologyException(at + ": expected true or false, was '" + node.asString() + "'");
        }
        return node.booleanValue();
    }

    private static String text(JsonNode node, String at) {
        if (!node.isValueNode() || node.isNull() || node.asString().isBlank()) {
            throw new TopologyException(at + ": expected a name");
        }
        return node.asString();
    }

    private static List<String> list(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new TopologyException(at + ": expected a list, e.g. [postgres, registry]");
        }
        List<String> values = new ArrayList<>();
        node.values().forEach(value -> values.add(text(value, at)));
        return values;
    }

    private static Map<String, String> map(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new TopologyException(at + ": expected a mapping of NAME: value");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : node.propertyNames()) {
            JsonNode value = node.get(key);
            if (!value.isValueNode()) {
                throw new TopologyException(at + "." + key + ": expected a plain value");
            }
            values.put(key, value.asString());
        }
        return values;
    }
}
