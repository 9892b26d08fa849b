package io.emporium.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/prometheus as Prometheus itself reads it: promtool checks the rule files and both scrape configurations,
 * and runs the rules' unit tests (prometheus/tests). Without promtool on the PATH these tests are skipped, except
 * in CI (CI=true), where they fail: .ci/run installs promtool.
 */
class PrometheusRulesTest {

    private static final String INSTALL = "install promtool to run them: on Debian or Ubuntu "
            + "`sudo apt-get install --no-install-recommends prometheus` (brings promtool; .ci/run does the same), "
            + "elsewhere put promtool from a Prometheus release on the PATH";

    private static final Optional<Promtool> FOUND = Promtool.onPath();

    private Promtool promtool;

    @BeforeAll
    static void failInCiWithoutPromtool() {
        if (FOUND.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail("promtool is not on the PATH, so the Prometheus rules cannot be checked in CI; " + INSTALL);
        }
    }

    @BeforeEach
    void skipWithoutPromtool() {
        assumeTrue(FOUND.isPresent(), () -> "promtool is not on the PATH: skipped; " + INSTALL);
        promtool = FOUND.orElseThrow();
    }

    @Test
    void ruleFilesAreValid() throws Exception {
        assertAccepted(promtool.run(arguments("check", "rules", PrometheusFiles.yamlFiles(PrometheusFiles.RULES))));
    }

    @Test
    void localScrapeConfigurationAndItsRuleFilesAreValid() throws Exception {
        assertAccepted(promtool.run(List.of("check", "config", PrometheusFiles.LOCAL_CONFIG.toString())));
    }

    @Test
    void kubernetesScrapeConfigurationAndItsRuleFilesAreValid(@TempDir Path scratch) throws Exception {
        Promtool.Result result = promtool.run(List.of("check", "config", PrometheusFiles.KUBERNETES_CONFIG.toString()));
        if (result.exitCode() != 0 && result.output().contains("field kubernetes_sd_configs not found")) {
            // Debian builds Prometheus without Kubernetes discovery: check all the rest (relabelling, rule files)
            // with the discovery, a single `role: pod`, in place of a static target
            result = promtool.run(List.of("check", "config", withoutKubernetesDiscovery(scratch).toString()));
        }
        assertAccepted(result);
    }

    @Test
    void alertsFireAndStayQuietAsTheirTestsExpect() throws Exception {
        assertAccepted(promtool.run(arguments("test", "rules", PrometheusFiles.yamlFiles(PrometheusFiles.TESTS))));
    }

    private static List<String> arguments(String command, String subcommand, List<Path> files) {
        return Stream.concat(Stream.of(command, subcommand), files.stream().map(Path::toString)).toList();
    }

    private static void assertAccepted(Promtool.Result result) {
        assertThat(result.exitCode())
                .withFailMessage("%s exited with %d:%n%s", result.command(), result.exitCode(), result.output())
                .isZero();
    }

    /** The Kubernetes configuration with a static target for its pod discovery, and absolute rule file paths. */
    @SuppressWarnings("unchecked")
    private static Path withoutKubernetesDiscovery(Path directory) throws IOException {
        Map<String, Object> config = PrometheusFiles.load(PrometheusFiles.KUBERNETES_CONFIG);
        Path home = PrometheusFiles.HOME.toAbsolutePath();
        config.put("rule_files", ((List<String>) config.get("rule_files")).stream()
                .map(pattern -> home.resolve(pattern).toString()).toList());
        for (Map<String, Object> scrape : (List<Map<String, Object>>) config.get("scrape_configs")) {
            Object discovery = scrape.remove("kubernetes_sd_configs");
            assertThat(discovery).as("kubernetes_sd_configs of %s", scrape.get("job_name"))
                    .isEqualTo(List.of(Map.of("role", "pod")));
            scrape.put("static_configs", List.of(Map.of("targets", new ArrayList<>(List.of("127.0.0.1:8080")))));
        }
        Path copy = directory.resolve("prometheus-kubernetes.yaml");
        Files.writeString(copy, new Yaml().dump(config));
        return copy;
    }
}
