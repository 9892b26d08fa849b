package io.emporium.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.yaml.snakeyaml.Yaml;

/** The Strimzi resources under {@code deploy/kafka/strimzi}, as the operator reads them. */
final class StrimziFiles {

    static final Path HOME = Path.of("kafka", "strimzi");

    /** One resource: the file it is in, and its YAML document. */
    record Resource(Path file, Map<String, Object> yaml) {

        String kind() {
            return (String) yaml.get("kind");
        }

        String name() {
            return (String) metadata().get("name");
        }

        Map<String, Object> metadata() {
            return map(yaml, "metadata");
        }

        Map<String, Object> spec() {
            return map(yaml, "spec");
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file + ")";
        }
    }

    /** A KafkaUser's ACL rule, one operation at a time: the unit the tests compare. */
    record Grant(String resourceType, String resource, String operation) implements Comparable<Grant> {

        @Override
        public int compareTo(Grant other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return resourceType + ":" + resource + ":" + operation;
        }
    }

    private StrimziFiles() {
    }

    /** Every document of every {@code *.yaml} file, in file order. */
    static List<Resource> resources() {
        List<Resource> resources = new ArrayList<>();
        for (Path file : PrometheusFiles.yamlFiles(HOME)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object document : new Yaml().loadAll(reader)) {
                    resources.add(new Resource(file, castMap(document)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return resources;
    }

    static List<Resource> ofKind(String kind) {
        return resources().stream().filter(resource -> kind.equals(resource.kind())).toList();
    }

    /** The Kafka name of every KafkaTopic ({@code spec.topicName}, else the resource's name). */
    static Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (Resource topic : ofKind("KafkaTopic")) {
            topics.add(Objects.requireNonNullElse((String) topic.spec().get("topicName"), topic.name()));
        }
        return topics;
    }

    /** Each KafkaUser's grants, by user name. */
    static Map<String, Set<Grant>> grants() {
        Map<String, Set<Grant>> grants = new TreeMap<>();
        for (Resource user : ofKind("KafkaUser")) {
            Set<Grant> granted = new TreeSet<>();
            for (Map<String, Object> acl : acls(user)) {
                Map<String, Object> resource = map(acl, "resource");
                for (Object operation : (List<?>) acl.get("operations")) {
                    granted.add(new Grant((String) resource.get("type"), (String) resource.get("name"),
                            (String) operation));
                }
            }
            grants.put(user.name(), granted);
        }
        return grants;
    }

    /** The ACL rules of a KafkaUser ({@code spec.authorization.acls}). */
    static List<Map<String, Object>> acls(Resource user) {
        return ((List<?>) map(user.spec(), "authorization").get("acls")).stream().map(StrimziFiles::castMap).toList();
    }

    static Map<String, Object> map(Map<String, Object> yaml, String key) {
        return castMap(Objects.requireNonNull(yaml.get(key), key + " is missing"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object yaml) {
        return (Map<String, Object>) yaml;
    }
}
