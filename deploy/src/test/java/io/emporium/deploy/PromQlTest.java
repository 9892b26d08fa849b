package io.emporium.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTest {

    @Test
    void findsTheSelectedMetricsButNotFunctionsLabelsKeywordsOrNumbers() {
        String expression = """
                histogram_quantile(0.95, sum by (application, le) (
                  rate(http_server_requests_seconds_bucket{uri!~"/actuator.*"}[$__rate_interval])))
                / on (application) group_left ignoring(le) application:http_server_requests:rate5m offset 10m
                > bool 14.4 * 0.001 and max without (instance) (up) unless ALERTS{alertname="by"}
                """;

        assertThat(PromQl.metricNames(expression)).containsExactly(
                "ALERTS", "application:http_server_requests:rate5m", "http_server_requests_seconds_bucket", "up");
    }

    @Test
    void findsAMetricSelectedByItsMatchersAlone() {
        assertThat(PromQl.metricNames("sum(rate(emporium_saga_completed_total{outcome=\"compensated\"}[15m])) / 1/60"))
                .containsExactly("emporium_saga_completed_total");
    }
}
