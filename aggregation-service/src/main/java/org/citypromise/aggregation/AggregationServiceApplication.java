package org.citypromise.aggregation;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * aggregation-service: one materialized view per city of what its community has pledged, kept from
 * two topics and served over HTTP.
 * <ul>
 *   <li><b>Owns</b> MongoDB database {@code aggregation}: {@code city_contributions} (one view per city,
 *   {@code _id} = city id, counters in whole grams, {@code positions} = last offset taken per topic
 *   partition) and {@code pledges} (the counted version of each pledge, no personal data). Rebuildable
 *   from the topics with a new consumer group.</li>
 *   <li><b>Consumes</b> (group {@code aggregation-service}, CloudEvents in Kafka binary mode, key = city id)
 *   {@code inventory-events}: {@code org.citypromise.inventory.city-registered.v1};
 *   {@code pledge-events}: {@code org.citypromise.pledge.pledge-submitted.v1}. Own copies of both in
 *   {@code messaging/}, pinned by the producers' examples.</li>
 *   <li><b>Serves</b> (port 8083) {@code GET /api/v1/cities/{cityId}/contributions} and
 *   {@code GET /api/v1/cities/contributions?page=&size=}; OpenAPI at {@code /v3/api-docs}.</li>
 *   <li><b>Emits</b> nothing yet.</li>
 *   <li><b>Metrics</b> {@code citypromise.aggregation.events{topic,outcome}} besides HTTP, JVM, MongoDB
 *   and Kafka consumer metrics, at {@code /actuator/prometheus}.</li>
 * </ul>
 * Why the counts are exact without transactions: see {@link org.citypromise.aggregation.store.ContributionStore}.
 */
@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "CityPromise aggregation-service", version = "v1",
        description = "Live views of what each city's community has pledged: totals, breakdowns, the gap to the city's target and how much of it pledges cover, country and global roll-ups, a leaderboard. Errors are RFC 9457 problem+json naming the field."))
public class AggregationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AggregationServiceApplication.class, args);
    }
}
