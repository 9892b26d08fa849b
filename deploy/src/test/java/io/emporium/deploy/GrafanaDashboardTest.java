package io.emporium.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The overview dashboard in deploy/grafana/dashboards: what Grafana needs and what the queries read. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("grafana", "dashboards", "emporium-overview.json");

    private final JsonNode dashboard;
    private final List<JsonNode> panels = new ArrayList<>();

    GrafanaDashboardTest() throws IOException {
        dashboard = JsonMapper.shared().readTree(Files.readString(DASHBOARD));
        collectPanels(dashboard.path("panels"));
    }

    @Test
    void everyPanelHasAnIdOfItsOwn() {
        assertThat(panels).isNotEmpty().allSatisfy(panel -> assertThat(panel.path("id").isInt())
                .as("panel %s has a numeric id", panel.path("title").asString()).isTrue());
        assertThat(panels).extracting(panel -> panel.path("id").asInt()).doesNotHaveDuplicates();
    }

    @Test
    void letsTheViewerChooseTheDataSourceAndTheApplications() {
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(variable -> variables.add(variable.path("name").asString()));
        assertThat(variables).contains("datasource", "application");
        assertThat(queryPanels()).allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asString()).as("data source of %s", title(panel))
                    .isEqualTo("${datasource}");
            panel.path("targets").forEach(target -> assertThat(target.path("expr").asString())
                    .as("query of %s", title(panel)).contains("application=~\"$application\""));
        });
    }

    @Test
    void queriesReadOnlySeriesThatExist() {
        Set<String> known = KnownMetrics.withRecordedSeries();
        assertThat(queryPanels()).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("targets").isEmpty()).as("%s has queries", title(panel)).isFalse();
            panel.path("targets").forEach(target -> assertThat(PromQl.metricNames(target.path("expr").asString()))
                    .as("series read by %s", title(panel)).isNotEmpty().isSubsetOf(known));
        });
    }

    private List<JsonNode> queryPanels() {
        return panels.stream().filter(panel -> !"row".equals(panel.path("type").asString())).toList();
    }

    private void collectPanels(JsonNode list) {
        list.forEach(panel -> {
            panels.add(panel);
            collectPanels(panel.path("panels"));
        });
    }

    private static String title(JsonNode panel) {
        return panel.path("title").asString();
    }
}
