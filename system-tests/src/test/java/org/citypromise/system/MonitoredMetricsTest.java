package org.citypromise.system;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The extraction of metric names from PromQL, alone, and over deploy/observability's real files. */
class MonitoredMetricsTest {

    @Test
    void aSelectorWithMatchersAndARangeIsItsMetricName() {
        assertThat(MonitoredMetrics.metricNames(
                "sum by (le, generation) (rate(citypromise_aggregation_view_latency_seconds_bucket{generation=~\"1|2\", le!=\"+Inf\"}[5m]))"))
                .containsExactly("citypromise_aggregation_view_latency_seconds_bucket");
    }

    @Test
    void functionsKeywordsLabelListsNumbersAndDurationsAreNotMetricNames() {
        assertThat(MonitoredMetrics.metricNames("""
                histogram_quantile(0.99, sum without (instance) (rate(a_seconds_bucket[5m] offset 15m))) > bool 1e3
                  and on (job) group_left (city) b_total
                  or ignoring(reason) vector(0) unless c_total * 0x1F
                """)).containsExactly("a_seconds_bucket", "b_total", "c_total");
    }

    @Test
    void labelValuesAndStringsAreNotMetricNames() {
        assertThat(MonitoredMetrics.metricNames("""
                label_replace(kafka_consumer_fetch_manager_records_lag{application="aggregation-service"},
                              "group", "$1", "client_id", "consumer-(.+)-[0-9]+")
                """)).containsExactly("kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void grafanaVariablesAreNotMetricNames() {
        assertThat(MonitoredMetrics.metricNames(
                "sum by (city) (increase(citypromise_pledges_received_total{city=~\"$city\"}[$__range])) "
                        + "/ sum(rate(x_total{a=~\"${app:regex}\"}[$__rate_interval])) + [[city]]"))
                .containsExactly("citypromise_pledges_received_total", "x_total");
    }

    @Test
    void recordedSeriesAndSubqueriesAreRead() {
        assertThat(MonitoredMetrics.metricNames(
                "max_over_time(citypromise:aggregation_consumer_lag:max{topic=\"pledge-events\"}[10m:1m]) - deriv(d_bytes[5m])"))
                .containsExactly("citypromise:aggregation_consumer_lag:max", "d_bytes");
    }

    @Test
    void aTimersSeriesBelongToItsFamilyButAGaugeNamedMaxIsItsOwn() {
        assertThat(MonitoredMetrics.family("http_server_requests_seconds_bucket")).isEqualTo("http_server_requests_seconds");
        assertThat(MonitoredMetrics.family("jvm_gc_pause_seconds_count")).isEqualTo("jvm_gc_pause_seconds");
        assertThat(MonitoredMetrics.family("citypromise_aggregation_batches_seconds_max"))
                .isEqualTo("citypromise_aggregation_batches_seconds");
        assertThat(MonitoredMetrics.family("payload_bytes_sum")).isEqualTo("payload_bytes");
        assertThat(MonitoredMetrics.family("kafka_consumer_fetch_manager_records_lag_max"))
                .isEqualTo("kafka_consumer_fetch_manager_records_lag_max");
        assertThat(MonitoredMetrics.family("jvm_memory_max_bytes")).isEqualTo("jvm_memory_max_bytes");
        assertThat(MonitoredMetrics.family("citypromise_pledges_received_total")).isEqualTo("citypromise_pledges_received_total");
    }

    @Test
    void aPrometheusPageExposesTheNamesOfItsSamples() {
        Set<String> exposed = MonitoredMetrics.exposed("""
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{application="pledge-service",area="heap",id="eden"} 1.2E7
                up 1

                http_server_requests_seconds_count{uri="/x",status="200"} 3
                """);
        assertThat(exposed).containsExactlyInAnyOrder("jvm_memory_used_bytes", "up", "http_server_requests_seconds_count");
    }

    @Test
    void theDashboardsAndRulesReadTheServicesMetricsButNotTheirOwnRecordingsNorUp() {
        MonitoredMetrics metrics = MonitoredMetrics.load();

        assertThat(metrics.names()).contains(
                "citypromise_pledges_received_total",                        // pledge funnel and the rejection alert
                "citypromise_outbox_events_total",                           // events dashboard and OutboxPublishFailures
                "citypromise_inventory_publications_total",
                "citypromise_aggregation_events_total",
                "citypromise_aggregation_dead_letters_total",
                "citypromise_aggregation_view_latency_seconds_bucket",       // only through the recording rules
                "citypromise_aggregation_batches_seconds_count",
                "citypromise_aggregation_snapshots_published_total",
                "kafka_consumer_fetch_manager_records_lag",
                "kafka_consumer_fetch_manager_records_lag_max",
                "http_server_requests_seconds_count", "jvm_memory_used_bytes", "process_cpu_usage",
                "mongodb_driver_commands_seconds_count");
        assertThat(metrics.names()).noneMatch(name -> name.contains(":")).doesNotContain("up");
        assertThat(metrics.names()).allMatch(name -> name.matches("[a-z_]+"), "metric names, nothing else");
        assertThat(metrics.families()).contains("citypromise_aggregation_view_latency_seconds", "jvm_gc_pause_seconds")
                .doesNotContain("citypromise_aggregation_view_latency_seconds_bucket");
        assertThat(metrics.usedBy("citypromise_pledges_received_total"))
                .contains("CityPromise — pledge funnel / Pledges received by outcome",
                        "citypromise-alerts.yml PledgeErrorRatioHigh", "CityPromise — pledge funnel / $city");
        assertThat(metrics.missingFrom(metrics.names())).isEmpty();
        assertThat(metrics.missingFrom(Set.of("up"))).isEqualTo(metrics.names());
    }
}
