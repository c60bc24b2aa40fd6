package org.citypromise.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A pledge as pledge-service shows it to its owner: with its version (what a change must name) and personal data. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pledge(String id, String cityId, String stakeholderType, String actionCode, String actionTitle,
                     String pledgeArea, String gpcRef, BigDecimal quantity, String unit, Factor emissionFactor,
                     BigDecimal estimatedTco2ePerYear, LocalDate targetDate, BigDecimal achievedQuantity,
                     BigDecimal achievedTco2ePerYear, String status, long version, Instant pledgedAt,
                     Instant changedAt, String displayName, String contact) {

    /** The emission factor an estimate used: the city's own (CITY) or the catalog's default. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Factor(String code, BigDecimal value, String unit, String source, Integer year, String origin) {
    }

    /** Progress can be reported and the pledge withdrawn only while it is active. */
    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
