package io.emporium.deploy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.emporium.deploy.PrometheusFiles.cast;
import static org.assertj.core.api.Assertions.assertThat;

/** What promtool does not check in the scrape configurations: that they fit the system and the rules. */
class ScrapeConfigurationsTest {

    private static final Path TOPOLOGY = Path.of("..", "emporium.yaml");

    @Test
    void localConfigurationScrapesEveryServiceOfTheTopologyOnItsPort() {
        Map<String, String> expected = new HashMap<>();
        Map<String, Map<String, Object>> services = cast(PrometheusFiles.load(TOPOLOGY).get("services"));
        services.forEach((name, service) -> expected.put(name, "127.0.0.1:" + service.get("port")));

        Map<String, String> scraped = new HashMap<>();
        for (Map<String, Object> scrape : PrometheusFiles.<List<Map<String, Object>>>cast(
                PrometheusFiles.load(PrometheusFiles.LOCAL_CONFIG).get("scrape_configs"))) {
            assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
            List<Map<String, Object>> groups = cast(scrape.get("static_configs"));
            for (Map<String, Object> group : groups) {
                Map<String, String> labels = cast(group.get("labels"));
                List<String> targets = cast(group.get("targets"));
                targets.forEach(target -> scraped.put(labels.get("application"), target));
            }
        }
        assertThat(scraped).isEqualTo(expected);
    }

    @Test
    void bothConfigurationsLoadEveryRuleFile() {
        List<Path> rules = PrometheusFiles.yamlFiles(PrometheusFiles.RULES).stream()
                .map(PrometheusFiles.HOME::relativize).toList();
        for (Path config : List.of(PrometheusFiles.LOCAL_CONFIG, PrometheusFiles.KUBERNETES_CONFIG)) {
            List<String> ruleFiles = cast(PrometheusFiles.load(config).get("rule_files"));
            List<PathMatcher> patterns = ruleFiles.stream()
                    .map(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern)).toList();
            assertThat(rules).as("rule files loaded by %s", config).allSatisfy(rule -> assertThat(patterns)
                    .anySatisfy(pattern -> assertThat(pattern.matches(rule)).isTrue()));
        }
    }
}
