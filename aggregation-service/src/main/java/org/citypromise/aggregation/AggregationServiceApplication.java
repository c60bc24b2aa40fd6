package org.citypromise.aggregation;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.citypromise.kit.web.ErrorProblems;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * aggregation-service: one materialized view per city of what its community has pledged, kept from
 * two topics, served over HTTP and published as snapshots.
 * <ul>
 *   <li><b>Owns</b> MongoDB database {@code aggregation}: per generation of the views
 *   {@code city_contributions_g<n>} (one view per city), {@code pledges_g<n>} (the counted version of each
 *   pledge, no personal data) and {@code participants_g<n>}; {@code view_generations} says which serves.
 *   Rebuildable from the topics (see {@link org.citypromise.aggregation.store.ViewGenerations}).</li>
 *   <li><b>Consumes</b> in batches (group {@code aggregation-service-g<n>}, CloudEvents in Kafka binary
 *   mode, key = city id) {@code inventory-events}, {@code pledge-events} and its own dead letters.</li>
 *   <li><b>Serves</b> (port 8083) the views, roll-ups, the leaderboard and the operators' dead letters and
 *   rebuilds; OpenAPI at {@code /v3/api-docs}.</li>
 *   <li><b>Emits</b> {@code city-contributions} (compacted snapshots, coalesced per 250 ms) and
 *   {@code aggregation-service-dlt} (what it could not read).</li>
 *   <li><b>Metrics</b> {@code citypromise.aggregation.*} besides HTTP, JVM, MongoDB and Kafka metrics,
 *   at {@code /actuator/prometheus}.</li>
 * </ul>
 * How a view counts its events: {@link org.citypromise.aggregation.domain.CityView}; why the counts are exact
 * without transactions: {@link org.citypromise.aggregation.store.ContributionStore}. The canvas in full: README.md.
 */
@SpringBootApplication
// the problems for the errors Spring MVC never sees (the firewall, Tomcat), as every service answers them
@Import(ErrorProblems.class)
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An OAuth2 access token (JWT) from the identity provider, with claims roles and cities: the admin API needs an admin's token; views are public.")
@OpenAPIDefinition(info = @Info(title = "CityPromise aggregation-service", version = "v1",
        description = "Live views of what each city's community has pledged: totals, breakdowns, the gap to the city's target and how much of it pledges cover, country and global roll-ups, a leaderboard. Errors are RFC 9457 problem+json naming the field."))
public class AggregationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AggregationServiceApplication.class, args);
    }
}
