package io.emporium.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The files under {@code deploy/prometheus}, read as Prometheus reads them. Paths are relative to the module's
 * directory, which is the working directory of its tests.
 */
final class PrometheusFiles {

    static final Path HOME = Path.of("prometheus");
    static final Path RULES = HOME.resolve("rules");
    static final Path TESTS = HOME.resolve("tests");
    static final Path LOCAL_CONFIG = HOME.resolve("prometheus.yaml");
    static final Path KUBERNETES_CONFIG = HOME.resolve("prometheus-kubernetes.yaml");

    private PrometheusFiles() {
    }

    /** The {@code *.yaml} files of a directory, sorted; never empty (it throws instead). */
    static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> yaml = files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
            if (yaml.isEmpty()) {
                throw new IllegalStateException("no *.yaml files in " + directory.toAbsolutePath());
            }
            return yaml;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every rule of every group in {@link #RULES}, in file and group order. */
    static List<Rule> rules() {
        return yamlFiles(RULES).stream()
                .flatMap(file -> PrometheusFiles.<List<Map<String, Object>>>get(load(file), "groups").stream()
                        .flatMap(group -> PrometheusFiles.<List<Map<String, Object>>>get(group, "rules").stream())
                        .map(rule -> Rule.of(file, rule)))
                .toList();
    }

    /** Every {@code alert_rule_test} case of every test file in {@link #TESTS}. */
    static List<AlertTest> alertTests() {
        return yamlFiles(TESTS).stream()
                .flatMap(file -> PrometheusFiles.<List<Map<String, Object>>>get(load(file), "tests").stream()
                        .flatMap(test -> PrometheusFiles.<List<Map<String, Object>>>getOrDefault(test,
                                "alert_rule_test", List.of()).stream())
                        .map(test -> new AlertTest(file, (String) test.get("alertname"),
                                !PrometheusFiles.<List<?>>getOrDefault(test, "exp_alerts", List.of()).isEmpty())))
                .toList();
    }

    static Map<String, Object> load(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A value read from YAML, as the type the file is known to have there. */
    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T get(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("no " + key + " in " + map);
        }
        return (T) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T getOrDefault(Map<String, Object> map, String key, T fallback) {
        Object value = map.get(key);
        return value == null ? fallback : (T) value;
    }

    /** A recording rule ({@code record} set) or an alerting rule ({@code alert} set). */
    record Rule(Path file, String record, String alert, String expr, Map<String, String> labels,
            Map<String, String> annotations) {

        @SuppressWarnings("unchecked")
        static Rule of(Path file, Map<String, Object> rule) {
            return new Rule(file, (String) rule.get("record"), (String) rule.get("alert"), (String) rule.get("expr"),
                    (Map<String, String>) rule.getOrDefault("labels", Map.of()),
                    (Map<String, String>) rule.getOrDefault("annotations", Map.of()));
        }

        boolean isAlert() {
            return alert != null;
        }

        String name() {
            return isAlert() ? alert : record;
        }
    }

    /** One {@code alert_rule_test} case: at its time, the alert is expected to fire, or to be quiet. */
    record AlertTest(Path file, String alertname, boolean expectsFiring) {
    }
}
