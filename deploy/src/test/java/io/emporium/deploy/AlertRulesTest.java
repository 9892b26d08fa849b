package io.emporium.deploy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.emporium.deploy.PrometheusFiles.AlertTest;
import io.emporium.deploy.PrometheusFiles.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What promtool does not check: the conventions every rule in deploy/prometheus/rules follows. */
class AlertRulesTest {

    private final List<Rule> rules = PrometheusFiles.rules();

    @Test
    void everyAlertSaysHowSevereItIsWhatHappenedAndWhereToLook() {
        List<Rule> alerts = alerts();
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> {
            assertThat(alert.labels().get("severity")).as("severity of %s", alert.alert())
                    .isIn("critical", "warning", "info");
            assertThat(alert.annotations()).as("annotations of %s", alert.alert())
                    .containsKeys("summary", "description", "runbook");
            assertThat(alert.annotations().values()).as("annotations of %s", alert.alert())
                    .allSatisfy(text -> assertThat(text).isNotBlank());
            assertThat(alert.annotations().get("runbook")).as("runbook of %s", alert.alert()).contains("./emporium ");
        });
    }

    @Test
    void everyAlertHasATestWhereItFiresAndOneWhereItDoesNot() {
        List<AlertTest> tests = PrometheusFiles.alertTests();
        Set<String> firing = tests.stream().filter(AlertTest::expectsFiring).map(AlertTest::alertname)
                .collect(Collectors.toSet());
        Set<String> quiet = tests.stream().filter(test -> !test.expectsFiring()).map(AlertTest::alertname)
                .collect(Collectors.toSet());
        List<String> names = alerts().stream().map(Rule::alert).toList();
        assertThat(firing).as("alerts with a test case where they fire").containsAll(names);
        assertThat(quiet).as("alerts with a test case where they stay quiet").containsAll(names);
        assertThat(tests).as("tests of alerts that do not exist").extracting(AlertTest::alertname)
                .allSatisfy(name -> assertThat(names).contains(name));
    }

    @Test
    void rulesReadOnlySeriesThatExist() {
        Set<String> known = KnownMetrics.withRecordedSeries();
        assertThat(rules).allSatisfy(rule -> assertThat(PromQl.metricNames(rule.expr()))
                .as("series read by %s (%s)", rule.name(), rule.file()).isNotEmpty().isSubsetOf(known));
    }

    @Test
    void recordedSeriesAreNamedLevelMetricOperationsAndRecordedOnce() {
        List<String> recorded = rules.stream().filter(rule -> !rule.isAlert()).map(Rule::record).toList();
        assertThat(recorded).isNotEmpty().doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+"));
        assertThat(alerts()).extracting(Rule::alert).doesNotHaveDuplicates();
    }

    private List<Rule> alerts() {
        return rules.stream().filter(Rule::isAlert).toList();
    }
}
