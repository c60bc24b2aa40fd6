package org.citypromise.web.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.citypromise.web.domain.LiveNumbers;

import java.math.BigDecimal;

/**
 * This site's own copy of what it reads of aggregation-service's
 * {@code org.citypromise.aggregation.city-contribution-updated.v1}: the version and the numbers a city page
 * updates in place (unknown fields ignored, so that the producer may add some).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CityContributionUpdated(long version, Contribution contribution) {

    static final String TYPE = "org.citypromise.aggregation.city-contribution-updated.v1";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contribution(String cityId, long pledgeCount, long participantCount, BigDecimal pledgedTco2ePerYear,
                        BigDecimal achievedTco2ePerYear, BigDecimal gapCoveragePercent) {
    }

    LiveNumbers numbers() {
        return new LiveNumbers(contribution.cityId(), version, contribution.pledgeCount(),
                contribution.participantCount(), contribution.pledgedTco2ePerYear(),
                contribution.achievedTco2ePerYear(), contribution.gapCoveragePercent());
    }
}
