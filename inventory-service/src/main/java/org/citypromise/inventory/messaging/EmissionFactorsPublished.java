package org.citypromise.inventory.messaging;

import org.citypromise.inventory.domain.EmissionFactor;
import org.citypromise.inventory.domain.VersionedFactors;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@value InventoryEvents#EMISSION_FACTORS_PUBLISHED}: a city published its own emission factors. The
 * full list each time: a factor missing from it is no longer the city's.
 */
public record EmissionFactorsPublished(String cityId, long version, List<Factor> factors, Instant publishedAt) {

    public record Factor(String code, BigDecimal value, String unit, String source, int year) {
        static Factor of(EmissionFactor f) {
            return new Factor(f.code(), f.value(), f.unit(), f.source(), f.year());
        }
    }

    public static EmissionFactorsPublished of(VersionedFactors stored) {
        return new EmissionFactorsPublished(stored.city().value(), stored.version(),
                stored.factors().stream().map(Factor::of).toList(), stored.changedAt());
    }
}
