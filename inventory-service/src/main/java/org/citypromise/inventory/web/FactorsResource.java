package org.citypromise.inventory.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.citypromise.inventory.domain.EmissionFactor;
import org.citypromise.inventory.domain.VersionedFactors;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A city's own emission factors as the API shows them: the whole list. */
@Schema(description = "A city's own emission factors")
record FactorsResource(String cityId, long version, List<Factor> factors, Instant publishedAt) {

    record Factor(String code, BigDecimal value, String unit, String source, int year) {
        static Factor of(EmissionFactor f) {
            return new Factor(f.code(), f.value(), f.unit(), f.source(), f.year());
        }
    }

    static FactorsResource of(VersionedFactors stored) {
        return new FactorsResource(stored.city().value(), stored.version(),
                stored.factors().stream().map(Factor::of).toList(), stored.changedAt());
    }
}
