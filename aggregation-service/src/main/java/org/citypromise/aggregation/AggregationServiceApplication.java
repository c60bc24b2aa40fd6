package org.citypromise.aggregation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * aggregation-service: keeps one materialized view per city of what its community has pledged, built
 * from inventory-events and pledge-events, and serves it. See README.md for its canvas.
 */
@SpringBootApplication
public class AggregationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AggregationServiceApplication.class, args);
    }
}
